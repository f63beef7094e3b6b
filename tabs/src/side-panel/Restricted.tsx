/**
 * Restricted parts: the chair starts one with a recorded reason and who is excluded; what is written
 * while it runs is kept from the stage and from the excluded people. A banner says so while it runs.
 */
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
} from '@fluentui/react-components';
import type { ChairView } from '../types.js';
import { formatDate } from '../shell.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';

const names = (view: ChairView, ids: string[]) =>
  ids.map((id) => view.people.find((p) => p.id === id)?.name ?? 'someone no longer listed').join(', ');

export function RestrictedBanner({ view }: { view: ChairView }) {
  const part = view.restricted.parts.find((p) => !p.endedAt);
  if (!view.restricted.active || !part) return null;
  return (
    <MessageBar intent="warning" role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Restricted part in progress.</MessageBarTitle>
        What you write now stays off the stage and is kept from{' '}
        {names(view, part.excludedPersonIds) || 'the excluded people'}.
      </MessageBarBody>
    </MessageBar>
  );
}

export function Restricted({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const [reason, setReason] = useState('');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const start = async () => {
    if (
      await commands.run({
        type: 'restricted.start',
        reason: reason.trim(),
        excludedPersonIds: [...excluded],
      })
    ) {
      setReason('');
      setExcluded(new Set());
    }
  };
  return (
    <div className={styles.stack}>
      {view.restricted.active ? (
        <>
          <RestrictedBanner view={view} />
          <Button
            appearance="primary"
            disabled={commands.busy}
            onClick={() => void commands.run({ type: 'restricted.end' })}
          >
            End the restricted part
          </Button>
        </>
      ) : (
        <>
          <Field
            label="Why is this part restricted?"
            required
            validationMessage={commands.fieldErrors.reason}
            hint="Recorded with the minutes, for example: confidential information from another person."
          >
            <Textarea value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
          </Field>
          <fieldset className={styles.stack} style={{ border: 'none', padding: 0, margin: 0 }}>
            <legend>Who is excluded from it?</legend>
            {view.people
              .filter((p) => p.role !== 'chair')
              .map((p) => (
                <Checkbox
                  key={p.id}
                  label={p.name}
                  checked={excluded.has(p.id)}
                  onChange={(_, d) => {
                    const next = new Set(excluded);
                    if (d.checked) next.add(p.id);
                    else next.delete(p.id);
                    setExcluded(next);
                  }}
                />
              ))}
          </fieldset>
          <Button disabled={commands.busy || reason.trim() === ''} onClick={() => void start()}>
            Start a restricted part
          </Button>
        </>
      )}
      {view.restricted.parts.length > 0 && (
        <>
          <h3 className={styles.heading}>Restricted parts so far</h3>
          <ul className={styles.list}>
            {view.restricted.parts.map((p) => (
              <li key={p.id} className={styles.card}>
                <p className={styles.userText}>{p.reason}</p>
                <p className={styles.hint}>
                  From {formatDate(p.startedAt, true)}
                  {p.endedAt ? ` to ${formatDate(p.endedAt, true)}` : ' (running)'}; excluded:{' '}
                  {names(view, p.excludedPersonIds) || 'nobody'}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The decision, recorded only once the plan has an action (seed 000 principle 9): the outcome, the
 * category for a Child Protection Plan, the lead social worker, the core group and any dissent.
 */
import { useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
} from '@fluentui/react-components';
import type { Category, ChairView, Outcome } from '../types.js';
import { CATEGORY_LABELS, OUTCOME_LABELS } from '../labels.js';
import { formatDate } from '../shell.js';
import type { Commands } from './commands.js';
import { usePanelStyles } from './styles.js';

export function Decision({ view, commands }: { view: ChairView; commands: Commands }) {
  const styles = usePanelStyles();
  const lead = view.people.find((p) => p.role === 'lead-social-worker');
  const [outcome, setOutcome] = useState<Outcome | ''>(view.decision?.outcome ?? '');
  const [category, setCategory] = useState<Category | ''>(view.decision?.category ?? '');
  const [leadName, setLeadName] = useState(view.decision?.leadSocialWorkerName ?? lead?.name ?? '');
  const [core, setCore] = useState<Set<string>>(new Set(view.decision?.coreGroupPersonIds ?? []));
  const [dissent, setDissent] = useState(view.decision?.dissent ?? []);
  const [dissentPerson, setDissentPerson] = useState('');
  const [dissentReason, setDissentReason] = useState('');
  const nameOf = (id: string) => view.people.find((p) => p.id === id)?.name ?? 'someone no longer listed';

  if (view.plan.actions.length === 0)
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          The decision comes after the plan: add at least one plan action first.
        </MessageBarBody>
      </MessageBar>
    );

  const needsCategory = outcome === 'child-protection-plan';
  const ready = outcome !== '' && (!needsCategory || category !== '');
  const record = () =>
    void commands.run(
      {
        type: 'decision.record',
        outcome: outcome as Outcome,
        ...(needsCategory && category ? { category } : {}),
        ...(leadName.trim() ? { leadSocialWorkerName: leadName.trim() } : {}),
        coreGroupPersonIds: [...core],
        dissent,
      },
      { guarded: true },
    );

  return (
    <div className={styles.stack}>
      {view.decision && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            Recorded {formatDate(view.decision.recordedAt, true)}: {OUTCOME_LABELS[view.decision.outcome]}
            {view.decision.category ? ` (${CATEGORY_LABELS[view.decision.category]})` : ''}.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Outcome" required validationMessage={commands.fieldErrors.outcome}>
        <RadioGroup value={outcome} onChange={(_, d) => setOutcome(d.value as Outcome)}>
          {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => (
            <Radio key={o} value={o} label={OUTCOME_LABELS[o]} />
          ))}
        </RadioGroup>
      </Field>
      {needsCategory && (
        <Field label="Category of the plan" required validationMessage={commands.fieldErrors.category}>
          <Select value={category} onChange={(_, d) => setCategory(d.value as Category)}>
            <option value="">Choose the category</option>
            {(Object.keys(CATEGORY_LABELS) as Category[]).map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="Lead social worker">
        <Input value={leadName} maxLength={200} onChange={(_, d) => setLeadName(d.value)} />
      </Field>
      <fieldset className={styles.stack} style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend>Core group members</legend>
        {view.people
          .filter((p) => p.role !== 'chair' && p.role !== 'minute-taker')
          .map((p) => (
            <Checkbox
              key={p.id}
              label={p.name}
              checked={core.has(p.id)}
              onChange={(_, d) => {
                const next = new Set(core);
                if (d.checked) next.add(p.id);
                else next.delete(p.id);
                setCore(next);
              }}
            />
          ))}
      </fieldset>
      <h3 className={styles.heading}>Dissent</h3>
      {dissent.length > 0 && (
        <ul className={styles.list} aria-label="Dissent">
          {dissent.map((d) => (
            <li key={d.personId} className={styles.card}>
              <strong>{nameOf(d.personId)}</strong>
              <p className={styles.userText}>{d.reason}</p>
              <Button
                size="small"
                appearance="subtle"
                onClick={() => setDissent(dissent.filter((x) => x !== d))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Who disagrees">
        <Select value={dissentPerson} onChange={(_, d) => setDissentPerson(d.value)}>
          <option value="">Nobody</option>
          {view.people
            .filter((p) => p.role !== 'chair' && !dissent.some((d) => d.personId === p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field label="Their reason">
        <Textarea value={dissentReason} maxLength={1000} onChange={(_, d) => setDissentReason(d.value)} />
      </Field>
      <Button
        disabled={!dissentPerson || !dissentReason.trim()}
        onClick={() => {
          setDissent([...dissent, { personId: dissentPerson, reason: dissentReason.trim() }]);
          setDissentPerson('');
          setDissentReason('');
        }}
      >
        Add the dissent
      </Button>
      <Button appearance="primary" disabled={commands.busy || !ready} onClick={record}>
        {view.decision ? 'Record the decision again' : 'Record the decision'}
      </Button>
    </div>
  );
}

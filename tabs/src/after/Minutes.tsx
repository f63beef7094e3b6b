/**
 * The minutes: the draft as it will be sent, then each item written during a restricted part, which the
 * chair confirms one by one (seed 003 §4.6) before "Approve and send"; the service refuses it otherwise.
 */
import { useState } from 'react';
import { Button, Checkbox } from '@fluentui/react-components';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import type { AfterDeadline, AfterOverview, MinutesPreview } from '../types.js';
import type { Updated } from './After.js';
import { ConfirmStep, DeadlineLine, DocumentFrame } from './parts.js';
import { useAfterStyles } from './styles.js';

const KIND_WORDS: Record<string, string> = { grid: 'Grid item', action: 'Plan action' };

export function Minutes({
  conferenceId,
  overview,
  deadlines,
  preview,
  previewError,
  canApprove,
  onUpdated,
}: {
  conferenceId: string;
  overview: AfterOverview;
  deadlines: AfterDeadline[];
  preview: MinutesPreview | undefined;
  previewError: string | undefined;
  canApprove: boolean;
  onUpdated: Updated;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const lines = deadlines.map((d) => <DeadlineLine key={d.key} deadline={d} />);
  if (overview.minutes)
    return (
      <>
        {lines}
        <p>
          Approved and sent {formatDate(overview.minutes.approvedAt, true)} to{' '}
          {overview.minutes.sentTo.length} {overview.minutes.sentTo.length === 1 ? 'person' : 'people'}, each
          with the copy they may have.
        </p>
      </>
    );
  if (previewError)
    return (
      <>
        {lines}
        <ErrorBar error={previewError} />
      </>
    );
  if (!preview) return <Loading label="Loading the minutes" />;

  const items = preview.restrictedItems;
  const unchecked = items.filter((i) => !checked.has(i.id)).length;
  const toggle = (id: string, on: boolean) =>
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const approve = async () => {
    setBusy(true);
    try {
      const next = await api.approveMinutes(conferenceId, [...checked]);
      setConfirming(false);
      setError(undefined);
      onUpdated(next, 'The minutes were approved and sent.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {lines}
      <DocumentFrame title="The draft minutes" html={preview.html} />
      <div className={styles.stack}>
        <h3 className={styles.heading}>Restricted items</h3>
        {items.length === 0 ? (
          <p className={styles.hint}>Nothing was written during a restricted part.</p>
        ) : (
          <ul className={styles.list} aria-label="Restricted items">
            {items.map((item) => (
              <li key={item.id} className={styles.card} data-restricted-item={item.id}>
                <span className={styles.hint}>{KIND_WORDS[item.kind] ?? 'Item'}</span>
                <p className={styles.userText}>{item.text}</p>
                {canApprove && (
                  <Checkbox
                    label="I have checked this restricted item"
                    checked={checked.has(item.id)}
                    onChange={(_, d) => toggle(item.id, d.checked === true)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorBar error={error} />
      {canApprove && !overview.letter && (
        <p className={styles.hint}>Approve and send the decision letter first; the minutes follow it.</p>
      )}
      {canApprove && overview.letter && unchecked > 0 && (
        <p className={styles.hint}>
          Check each restricted item before the minutes go: {unchecked} still to check.
        </p>
      )}
      {canApprove &&
        (confirming ? (
          <ConfirmStep
            question="Send the minutes now?"
            yes="Yes, approve and send the minutes"
            busy={busy}
            onYes={() => void approve()}
            onNo={() => setConfirming(false)}
          >
            <p className={styles.hint}>
              Everyone who received the letter gets the copy they may have. It cannot be unsent.
            </p>
          </ConfirmStep>
        ) : (
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={!overview.letter || unchecked > 0}
              onClick={() => setConfirming(true)}
            >
              Approve and send the minutes
            </Button>
          </div>
        ))}
      {!canApprove && <p className={styles.hint}>The chair approves and sends the minutes.</p>}
    </>
  );
}

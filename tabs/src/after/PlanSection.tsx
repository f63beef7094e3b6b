/**
 * The child protection plan after the conference: whether it is active or ended, its next dates, ending it
 * without a review (for the four reasons that allow it, with a confirmation step) and asking for the
 * review conference.
 */
import { useState } from 'react';
import { Badge, Button, Field, Input, Link, Select, Textarea } from '@fluentui/react-components';
import { ApiError } from '../api.js';
import { ErrorBar, errorMessage, formatDate, useTab } from '../shell.js';
import type { AfterDeadline, AfterOverview, PlanEndReason } from '../types.js';
import type { Abilities, Updated } from './After.js';
import { ConfirmStep, DeadlineLine } from './parts.js';
import { useAfterStyles } from './styles.js';

const REASONS: Record<PlanEndReason, string> = {
  'moved-to-another-authority': 'The child moved to another local authority',
  'turned-18': 'The young person turned 18',
  'left-the-country': 'The child left the country',
  died: 'The child died',
};

const ENDED_WORDS: Record<string, string> = { ...REASONS, 'review-decision': 'A review conference ended it' };

/** Today's date in England, as the date input takes it. */
const today = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

export function PlanSection({
  conferenceId,
  overview,
  deadlines,
  can,
  onUpdated,
  onSaid,
}: {
  conferenceId: string;
  overview: AfterOverview;
  deadlines: AfterDeadline[];
  can: Abilities;
  onUpdated: Updated;
  onSaid: (sentence: string) => void;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState<PlanEndReason | ''>('');
  const [endedOn, setEndedOn] = useState(today());
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [review, setReview] = useState<{ id: string; reference: string }>();

  const plan = overview.plan;
  if (plan.status === 'none')
    return <p className={styles.hint}>This conference did not make a child protection plan.</p>;
  if (plan.status === 'ended' && plan.ending)
    return (
      <>
        <p className={styles.row}>
          <Badge appearance="tint">Ended</Badge>
          <span>
            The plan ended on {formatDate(plan.ending.endedOn)}:{' '}
            {(ENDED_WORDS[plan.ending.reason] ?? plan.ending.reason).toLowerCase()}.
          </span>
        </p>
        {plan.ending.note && <p className={styles.userText}>Note: {plan.ending.note}</p>}
      </>
    );

  const run = async <T,>(action: () => Promise<T>, then: (value: T) => void) => {
    setBusy(true);
    try {
      then(await action());
      setError(undefined);
      setProblems({});
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setProblems(Object.fromEntries(e.details.map((d) => [d.path, d.message])));
    } finally {
      setBusy(false);
    }
  };

  const check = () => {
    const found: Record<string, string> = {};
    if (!reason) found.reason = 'Choose why the plan ended.';
    if (!endedOn) found.endedOn = 'Give the day the plan ended.';
    setProblems(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  };

  const end = () =>
    void run(
      () => api.endPlan(conferenceId, { reason: reason as PlanEndReason, endedOn, note: note.trim() }),
      (next) => {
        setConfirming(false);
        onUpdated(next, 'The plan was ended; everyone who received the letter is told.');
      },
    );

  const askForReview = () =>
    void run(
      () => api.requestReview(conferenceId),
      (made) => {
        setReview(made);
        onSaid(`The review conference ${made.reference} was requested.`);
      },
    );

  return (
    <>
      <p className={styles.row}>
        <Badge appearance="filled" color="brand">
          Active
        </Badge>
        <span>The child protection plan is active.</span>
      </p>
      {deadlines.map((d) => (
        <DeadlineLine key={d.key} deadline={d} />
      ))}
      <ErrorBar error={error} />
      {can.requestReview &&
        (review ? (
          <p>
            Review conference requested: {review.reference}.{' '}
            <Link href={`/tab/side-panel?conferenceId=${encodeURIComponent(review.id)}`}>
              Open the review conference {review.reference}
            </Link>
          </p>
        ) : (
          <div className={styles.row}>
            <Button disabled={busy} onClick={askForReview}>
              Request the review conference
            </Button>
          </div>
        ))}
      {can.endPlan && !ending && (
        <div className={styles.row}>
          <Button onClick={() => setEnding(true)}>End the plan without a review</Button>
        </div>
      )}
      {can.endPlan && ending && (
        <div className={styles.stack}>
          <h3 className={styles.heading}>End the plan without a review</h3>
          <Field label="Why the plan ends" required validationMessage={problems.reason}>
            <Select value={reason} onChange={(_, d) => setReason(d.value as PlanEndReason | '')}>
              <option value="">Choose a reason</option>
              {(Object.keys(REASONS) as PlanEndReason[]).map((r) => (
                <option key={r} value={r}>
                  {REASONS[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="The day it ended" required validationMessage={problems.endedOn}>
            <Input
              type="date"
              value={endedOn}
              min={overview.heldOn ?? undefined}
              max={today()}
              onChange={(_, d) => setEndedOn(d.value)}
            />
          </Field>
          <Field label="Note (optional)" validationMessage={problems.note}>
            <Textarea value={note} maxLength={1000} onChange={(_, d) => setNote(d.value)} />
          </Field>
          {confirming ? (
            <ConfirmStep
              question="End the plan now?"
              yes="Yes, end the plan"
              busy={busy}
              onYes={end}
              onNo={() => setConfirming(false)}
            >
              <p className={styles.hint}>
                Everyone who received the decision letter is told, and so is the case-management system.
              </p>
            </ConfirmStep>
          ) : (
            <div className={styles.row}>
              <Button appearance="primary" onClick={check}>
                End the plan
              </Button>
              <Button onClick={() => setEnding(false)}>Cancel</Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}

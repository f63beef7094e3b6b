/**
 * The decision letter: the draft as it will be sent, who gets it how, anyone the conference agreed should
 * not be told (each with a reason), and the chair's approval with a confirmation step; then who it went to.
 */
import { useState } from 'react';
import { Button, Field, Select, Textarea } from '@fluentui/react-components';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import type { AfterDeadline, AfterOverview, LetterPreview, Recipient } from '../types.js';
import type { Updated } from './After.js';
import { ConfirmStep, DeadlineLine, DocumentFrame } from './parts.js';
import { useAfterStyles } from './styles.js';

/** The letter and the minutes may leave out family members and invited professionals, no one else. */
const MAY_WITHHOLD = new Set(['family', 'professional']);

const ROLE_WORDS: Record<string, string> = {
  chair: 'chair',
  'lead-social-worker': 'lead social worker',
  'minute-taker': 'minute-taker',
  professional: 'professional',
  family: 'family',
};

function People({ label, people, empty }: { label: string; people: Recipient[]; empty: string }) {
  const styles = useAfterStyles();
  return (
    <div className={styles.stack}>
      <h3 className={styles.heading}>{label}</h3>
      {people.length === 0 ? (
        <p className={styles.hint}>{empty}</p>
      ) : (
        <ul className={styles.list} aria-label={label}>
          {people.map((p) => (
            <li key={p.personId} className={styles.userText}>
              {p.name} ({ROLE_WORDS[p.role] ?? p.role})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Letter({
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
  preview: LetterPreview | undefined;
  previewError: string | undefined;
  canApprove: boolean;
  onUpdated: Updated;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [withheld, setWithheld] = useState<{ personId: string; reason: string }[]>([]);
  const [person, setPerson] = useState('');
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const lines = deadlines.map((d) => <DeadlineLine key={d.key} deadline={d} />);
  if (previewError)
    return (
      <>
        {lines}
        <ErrorBar error={previewError} />
      </>
    );
  if (!preview) return <Loading label="Loading the decision letter" />;

  const everyone = [
    ...preview.recipients.byEmail,
    ...preview.recipients.byHand,
    ...preview.recipients.withheld,
  ];
  const nameOf = (id: string) => everyone.find((p) => p.personId === id)?.name ?? 'someone no longer listed';
  const roleOf = (id: string) => everyone.find((p) => p.personId === id)?.role ?? '';
  const approval = overview.letter;

  if (approval)
    return (
      <>
        {lines}
        <p>Approved and sent {formatDate(approval.approvedAt, true)}.</p>
        <People
          label="Sent by email to"
          people={approval.sentTo.map((id) => ({ personId: id, name: nameOf(id), role: roleOf(id) }))}
          empty="Nobody by email."
        />
        <People
          label="Delivered by hand or post"
          people={approval.byHand.map((id) => ({ personId: id, name: nameOf(id), role: roleOf(id) }))}
          empty="Nobody by hand."
        />
        {approval.withheld.length > 0 && (
          <div className={styles.stack}>
            <h3 className={styles.heading}>Not told</h3>
            <ul className={styles.list} aria-label="Not told">
              {approval.withheld.map((w) => (
                <li key={w.personId} className={styles.userText}>
                  {nameOf(w.personId)}: {w.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </>
    );

  const out = new Set(withheld.map((w) => w.personId));
  const byEmail = preview.recipients.byEmail.filter((p) => !out.has(p.personId));
  const byHand = preview.recipients.byHand.filter((p) => !out.has(p.personId));
  const choosable = [...preview.recipients.byEmail, ...preview.recipients.byHand].filter(
    (p) => MAY_WITHHOLD.has(p.role) && !out.has(p.personId),
  );

  const withhold = () => {
    if (!person) return;
    if (!reason.trim()) {
      setReasonProblem('Say why this person is not to be told.');
      return;
    }
    setWithheld((w) => [...w, { personId: person, reason: reason.trim() }]);
    setPerson('');
    setReason('');
    setReasonProblem(undefined);
  };

  const approve = async () => {
    setBusy(true);
    try {
      const next = await api.approveLetter(conferenceId, withheld);
      setConfirming(false);
      setError(undefined);
      onUpdated(next, `The decision letter was approved and sent to ${byEmail.length} by email.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {lines}
      <p className={styles.userText}>Subject: {preview.subject}</p>
      <DocumentFrame title="The decision letter as it will be sent" html={preview.html} />
      <People label="By email" people={byEmail} empty="Nobody by email." />
      <People
        label="By hand or post (the lead social worker delivers it)"
        people={byHand}
        empty="Nobody by hand."
      />
      {preview.absentParents.length > 0 && (
        <p className={styles.userText}>
          Parents who were not at the conference are told by the lead social worker within a day:{' '}
          {preview.absentParents.map((p) => p.name).join(', ')}.
        </p>
      )}
      <div className={styles.stack}>
        <h3 className={styles.heading}>Not told</h3>
        {withheld.length === 0 ? (
          <p className={styles.hint}>Everyone listed above will be told.</p>
        ) : (
          <ul className={styles.list} aria-label="Not told">
            {withheld.map((w) => (
              <li key={w.personId} className={styles.row}>
                <span className={styles.userText}>
                  {nameOf(w.personId)}: {w.reason}
                </span>
                {canApprove && (
                  <Button
                    size="small"
                    onClick={() => setWithheld((all) => all.filter((x) => x.personId !== w.personId))}
                  >
                    Tell {nameOf(w.personId)} after all
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {canApprove && choosable.length > 0 && (
        <div className={styles.stack}>
          <h3 className={styles.heading}>Leave someone out of the letter</h3>
          <Field label="Person not to be told">
            <Select value={person} onChange={(_, d) => setPerson(d.value)}>
              <option value="">Choose a person</option>
              {choosable.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name} ({ROLE_WORDS[p.role] ?? p.role})
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Why they are not to be told (the conference agreed this)"
            required
            validationMessage={reasonProblem}
          >
            <Textarea value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button disabled={!person} onClick={withhold}>
              Leave out of the letter
            </Button>
          </div>
        </div>
      )}
      <ErrorBar error={error} />
      {canApprove &&
        (confirming ? (
          <ConfirmStep
            question="Send the decision letter now?"
            yes="Yes, approve and send"
            busy={busy}
            onYes={() => void approve()}
            onNo={() => setConfirming(false)}
          >
            <p className={styles.hint}>
              It goes by email to {byEmail.length} {byEmail.length === 1 ? 'person' : 'people'}
              {byHand.length ? `; ${byHand.length} by hand or post` : ''}
              {withheld.length ? `; ${withheld.length} not told` : ''}. It cannot be unsent.
            </p>
          </ConfirmStep>
        ) : (
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => setConfirming(true)}>
              Approve and send
            </Button>
          </div>
        ))}
      {!canApprove && <p className={styles.hint}>The chair approves and sends the letter.</p>}
    </>
  );
}

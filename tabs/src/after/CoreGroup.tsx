/**
 * The core group after a child protection plan (first meeting within 10 working days, then about every
 * 6 weeks): who is in it, each meeting (times offered with how many can come, the fixed time, held or
 * cancelled), and progress on the plan's actions with the text report for the review conference. The
 * chair and the lead social worker arrange the meetings here; everyone else reads. The service checks too.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Field, Link, Textarea } from '@fluentui/react-components';
import { ApiError } from '../api.js';
import { PERSON_ROLE_LABELS } from '../labels.js';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import type { CoreGroupMeeting, CoreGroupProgress, CoreGroupView } from '../types.js';
import { ConfirmStep } from './parts.js';
import { useAfterStyles } from './styles.js';

/** The service keeps a cancellation reason to 500 characters. */
const REASON_MAX = 500;

/** What the person is in the middle of: one confirmation or one form at a time. */
type Step =
  | { kind: 'fix'; meetingId: string; start: string; label: string }
  | { kind: 'held'; meetingId: string }
  | { kind: 'cancel'; meetingId: string; confirming: boolean };

/** Runs an action and announces `said`; on a refusal the page shows it and `failed` gets the error. */
type Run = <T>(
  action: () => Promise<T>,
  said: (value: T) => string,
  failed?: (e: unknown) => void,
) => Promise<void>;

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/** The fixed time in the words it was offered in, or the page's date format when fixed by hand. */
function fixedTime(m: CoreGroupMeeting): string {
  if (!m.startsAt) return '';
  const slot = m.offeredSlots.find((s) => sameInstant(s.start, m.startsAt!));
  return slot?.label ?? `${formatDate(m.startsAt, true)} (${m.durationMinutes} minutes)`;
}

const answeredWords = (n: number) => `${n} ${n === 1 ? 'member has' : 'members have'} answered`;

function Meeting({
  meeting,
  members,
  canRun,
  step,
  setStep,
  busy,
  run,
  conferenceId,
}: {
  meeting: CoreGroupMeeting;
  members: number;
  canRun: boolean;
  step: Step | undefined;
  setStep: (step: Step | undefined) => void;
  busy: boolean;
  run: Run;
  conferenceId: string;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string>();
  const open = meeting.status === 'proposed' || meeting.status === 'scheduled';
  const mine = step?.meetingId === meeting.id ? step : undefined;
  const startMs = meeting.startsAt === null ? undefined : new Date(meeting.startsAt).getTime();
  const started = startMs !== undefined && startMs <= Date.now();
  // A page left open shows "Mark held" once the time comes (timers reach about 24 days ahead).
  const [, setTick] = useState(0);
  useEffect(() => {
    if (startMs === undefined || started || startMs - Date.now() > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setTick((n) => n + 1), startMs - Date.now() + 1000);
    return () => clearTimeout(timer);
  }, [startMs, started]);
  const name = `Meeting ${meeting.number}`;

  const checkReason = () => {
    const problem = reason.trim() ? undefined : 'Say why the meeting is cancelled.';
    setReasonProblem(problem);
    if (!problem) setStep({ kind: 'cancel', meetingId: meeting.id, confirming: true });
  };

  const cancel = () =>
    void run(
      () => api.cancelCoreGroupMeeting(conferenceId, meeting.id, reason.trim()),
      () => `${name} was cancelled; the members’ cards show it.`,
      (e) => {
        const problem = e instanceof ApiError ? e.details.find((d) => d.path === 'reason') : undefined;
        // A problem with the reason goes back to the form, so it can be fixed and sent again.
        if (problem) {
          setReasonProblem(problem.message);
          setStep({ kind: 'cancel', meetingId: meeting.id, confirming: false });
        }
      },
    );

  return (
    <li className={styles.card} data-meeting={meeting.number}>
      <h4 className={styles.heading}>{name}</h4>
      <div className={styles.row}>
        <Badge
          appearance={meeting.status === 'scheduled' ? 'filled' : 'tint'}
          color={meeting.status === 'held' ? 'success' : meeting.status === 'cancelled' ? 'subtle' : 'brand'}
        >
          {meeting.statusLabel}
        </Badge>
        <span>Due by {formatDate(meeting.dueOn)}</span>
      </div>

      {meeting.status === 'proposed' && (
        <>
          <p className={styles.hint}>
            {members > 0
              ? `${meeting.answered} of ${answeredWords(members)}.`
              : `${answeredWords(meeting.answered)}.`}
          </p>
          <ul className={styles.list} aria-label={`Times offered for meeting ${meeting.number}`}>
            {meeting.offeredSlots.map((s) => (
              <li key={s.start} className={styles.row} data-slot={s.start}>
                <span className={styles.slotTime}>{s.label}</span>
                <span>{s.canCome} can come</span>
                {canRun && !mine && (
                  <Button
                    size="small"
                    aria-label={`Fix this time: ${s.label}`}
                    disabled={busy}
                    onClick={() =>
                      setStep({ kind: 'fix', meetingId: meeting.id, start: s.start, label: s.label })
                    }
                  >
                    Fix this time
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {meeting.status === 'scheduled' && <p className={styles.userText}>Fixed for {fixedTime(meeting)}.</p>}
      {meeting.status === 'held' && (
        <p className={styles.userText}>Held {formatDate(meeting.startsAt ?? meeting.heldAt ?? undefined)}.</p>
      )}
      {meeting.status === 'cancelled' && (
        <p className={styles.userText}>
          Cancelled{meeting.cancelledAt ? ` ${formatDate(meeting.cancelledAt)}` : ''}
          {meeting.cancelledReason ? `: ${meeting.cancelledReason}` : '.'}
        </p>
      )}

      {mine?.kind === 'fix' && (
        <ConfirmStep
          question={`Fix ${name.toLowerCase()} for ${mine.label}?`}
          yes="Yes, fix this time"
          busy={busy}
          onYes={() =>
            void run(
              () => api.fixCoreGroupTime(conferenceId, meeting.id, mine.start),
              () => `${name} is fixed for ${mine.label}; the calendar invitation follows.`,
            )
          }
          onNo={() => setStep(undefined)}
        >
          <p className={styles.hint}>Everyone in the core group gets a calendar invitation for this time.</p>
        </ConfirmStep>
      )}
      {mine?.kind === 'held' && (
        <ConfirmStep
          question={`Mark ${name.toLowerCase()} as held?`}
          yes="Yes, it was held"
          busy={busy}
          onYes={() =>
            void run(
              () => api.markCoreGroupHeld(conferenceId, meeting.id),
              (r) =>
                r.next
                  ? `${name} is marked held. Times for meeting ${r.next.number} are offered to the core group.`
                  : `${name} is marked held. Times for the next meeting could not be offered: ${r.nextProblem ?? 'try again later.'}`,
            )
          }
          onNo={() => setStep(undefined)}
        >
          <p className={styles.hint}>Times for the next meeting are then offered to the core group.</p>
        </ConfirmStep>
      )}
      {mine?.kind === 'cancel' && (
        <div className={styles.stack}>
          <Field
            label="Why the meeting is cancelled"
            required
            validationMessage={reasonProblem}
            hint={`Up to ${REASON_MAX} characters.`}
          >
            <Textarea
              value={reason}
              maxLength={REASON_MAX}
              disabled={mine.confirming}
              onChange={(_, d) => setReason(d.value)}
            />
          </Field>
          {mine.confirming ? (
            <ConfirmStep
              question={`Cancel ${name.toLowerCase()}?`}
              yes="Yes, cancel the meeting"
              busy={busy}
              onYes={cancel}
              onNo={() => setStep({ ...mine, confirming: false })}
            >
              <p className={styles.hint}>
                {meeting.status === 'scheduled'
                  ? 'The calendar invitation is cancelled and the members’ cards show it. The reason stays on the record; it is not sent to them.'
                  : 'The members’ cards show it is cancelled. The reason stays on the record; it is not sent to them.'}
              </p>
            </ConfirmStep>
          ) : (
            <div className={styles.row}>
              <Button appearance="primary" onClick={checkReason}>
                Cancel the meeting
              </Button>
              <Button onClick={() => setStep(undefined)}>Keep the meeting</Button>
            </div>
          )}
        </div>
      )}

      {canRun && open && !mine && (
        <div className={styles.row}>
          {meeting.status === 'scheduled' && started && (
            <Button disabled={busy} onClick={() => setStep({ kind: 'held', meetingId: meeting.id })}>
              Mark held
            </Button>
          )}
          <Button
            disabled={busy}
            onClick={() => {
              setReasonProblem(undefined);
              setStep({ kind: 'cancel', meetingId: meeting.id, confirming: false });
            }}
          >
            Cancel this meeting
          </Button>
        </div>
      )}
    </li>
  );
}

function ActionProgress({ action }: { action: CoreGroupProgress }) {
  const styles = useAfterStyles();
  return (
    <li className={styles.card} data-action={action.actionId}>
      <span className={styles.userText}>{action.what}</span>
      <span className={styles.hint}>
        Who: <span className={styles.userText}>{action.who}</span>. By {formatDate(action.byWhen)}.
      </span>
      <span className={styles.row}>
        {action.latest ? (
          <Badge appearance="tint" color={action.latest.status === 'at-risk' ? 'warning' : 'informative'}>
            {action.latest.label}
          </Badge>
        ) : (
          <span className={styles.hint}>No update yet</span>
        )}
        {action.overdue && (
          <>
            <Badge appearance="filled" color="danger">
              Overdue
            </Badge>
            <span className={styles.overdue}>The date to do it by has passed.</span>
          </>
        )}
      </span>
      {action.latest && (
        <span className={styles.userText}>
          {action.latest.comment ? `${action.latest.comment} ` : ''}
          <span className={styles.hint}>(updated {formatDate(action.latest.at)})</span>
        </span>
      )}
    </li>
  );
}

/** The progress report as the review conference's papers get it: shown here, and saved as a file. */
function TextReport({ conferenceId }: { conferenceId: string }) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [text, setText] = useState<string>();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  // The report is fetched with the page's sign-in (a Teams token cannot ride on a plain link).
  const show = async () => {
    try {
      const report = await api.coreGroupReportText(conferenceId);
      setText(report);
      setUrl(URL.createObjectURL(new Blob([report], { type: 'text/plain;charset=utf-8' })));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <ErrorBar error={error} />
      {text === undefined ? (
        <div className={styles.row}>
          <Button onClick={() => void show()}>Show the text report</Button>
        </div>
      ) : (
        <>
          <pre className={styles.report} tabIndex={0} aria-label="The core group progress report as text">
            {text}
          </pre>
          {url && (
            <Link href={url} download="core-group-progress-report.txt">
              Save the text report as a file
            </Link>
          )}
        </>
      )}
    </>
  );
}

export function CoreGroup({
  conferenceId,
  canRun,
  onSaid,
}: {
  conferenceId: string;
  /** The chair and the lead social worker arrange meetings, while the plan is active. */
  canRun: boolean;
  onSaid: (sentence: string) => void;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [group, setGroup] = useState<CoreGroupView>();
  const [loadError, setLoadError] = useState<string>();
  const [notYours, setNotYours] = useState(false);
  const [error, setError] = useState<string>();
  const [step, setStep] = useState<Step>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api.coreGroup(conferenceId).then(
        (g) => {
          setGroup(g);
          setLoadError(undefined);
        },
        (e: unknown) => {
          // A part that does not include the core group (the minute-taker) is told so, not alarmed.
          if (e instanceof ApiError && e.code === 'NOT_ALLOWED_FOR_ROLE') setNotYours(true);
          else setLoadError(errorMessage(e));
        },
      ),
    [api, conferenceId],
  );
  useEffect(() => void load(), [load]);

  /** Runs an action, then reads the group again so counts and statuses are the service's own. */
  const run: Run = async (action, said, failed) => {
    setBusy(true);
    try {
      const value = await action();
      setError(undefined);
      setStep(undefined);
      await load();
      onSaid(said(value));
    } catch (e) {
      setError(errorMessage(e));
      failed?.(e);
      // Refused because the meeting moved on elsewhere (a card, another person): show where it is now.
      if (e instanceof ApiError && e.status === 409) void load();
    } finally {
      setBusy(false);
    }
  };

  if (notYours)
    return <p className={styles.hint}>Your part in this conference does not include the core group.</p>;
  if (!group) return loadError ? <ErrorBar error={loadError} /> : <Loading label="Loading the core group" />;

  const arranging = group.meetings.some((m) => m.status === 'proposed' || m.status === 'scheduled');
  const held = group.meetings.some((m) => m.status === 'held');
  const progress = group.progress;
  return (
    <>
      {group.members.length > 0 && (
        <>
          <h3 className={styles.heading}>Members</h3>
          <ul className={styles.list} aria-label="Core group members">
            {group.members.map((m) => (
              <li key={m.id} className={styles.row}>
                <span className={styles.userText}>{m.name}</span>
                <span className={styles.hint}>{PERSON_ROLE_LABELS[m.role]}</span>
                {m.required && (
                  <Badge appearance="tint" color="brand">
                    Required
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 className={styles.heading}>Meetings</h3>
      <ErrorBar error={error} />
      {group.meetings.length === 0 && (
        <p className={styles.hint}>No core group meeting has been arranged yet.</p>
      )}
      {group.meetings.length > 0 && (
        <ul className={styles.list} aria-label="Core group meetings">
          {group.meetings.map((m) => (
            <Meeting
              key={m.id}
              meeting={m}
              members={group.members.length}
              canRun={canRun}
              step={step}
              setStep={(s) => {
                setError(undefined);
                setStep(s);
              }}
              busy={busy}
              run={run}
              conferenceId={conferenceId}
            />
          ))}
        </ul>
      )}
      {canRun && !arranging && (
        <div className={styles.row}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void run(
                () => api.offerCoreGroupTimes(conferenceId),
                (m) =>
                  `Times for meeting ${m.number} are offered; the core group is asked which they can come to.`,
              )
            }
          >
            {held ? 'Offer times for the next meeting' : 'Offer times for the first meeting'}
          </Button>
        </div>
      )}

      <h3 className={styles.heading}>Progress on the plan</h3>
      <p className={styles.userText}>{progress.headline}</p>
      {progress.actions.length === 0 ? (
        <p className={styles.hint}>There are no plan actions for you to see here.</p>
      ) : (
        <ul className={styles.list} aria-label="Progress on the plan’s actions">
          {progress.actions.map((a) => (
            <ActionProgress key={a.actionId} action={a} />
          ))}
        </ul>
      )}
      <TextReport conferenceId={conferenceId} />
    </>
  );
}

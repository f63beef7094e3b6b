/**
 * The lead social worker's follow-ups after the letter: telling each parent who was not there, and taking
 * the letter to those without an email address. Each has its due time; an open one past it says Overdue.
 */
import { useState } from 'react';
import { Badge, Button, Field, Textarea } from '@fluentui/react-components';
import { ErrorBar, errorMessage, formatDate, useTab } from '../shell.js';
import type { AfterDeadline, AfterOverview, FollowUpTask } from '../types.js';
import type { Updated } from './After.js';
import { DeadlineLine } from './parts.js';
import { useAfterStyles } from './styles.js';

const WHAT: Record<FollowUpTask['kind'], (name: string) => string> = {
  'tell-absent-parent': (name) => `Tell ${name} the decision (they were not at the conference)`,
  'deliver-letter': (name) => `Give ${name} the decision letter by hand or post`,
};

function Task({
  conferenceId,
  task,
  canComplete,
  onUpdated,
}: {
  conferenceId: string;
  task: FollowUpTask;
  canComplete: boolean;
  onUpdated: Updated;
}) {
  const styles = useAfterStyles();
  const { api } = useTab();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const what = WHAT[task.kind](task.personName);

  const done = async () => {
    setBusy(true);
    try {
      const next = await api.taskDone(conferenceId, task.id, note.trim());
      setError(undefined);
      onUpdated(next, `Marked done: ${what}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={styles.card} data-task={task.id}>
      <span className={styles.userText}>{what}</span>
      <span className={styles.row}>
        {task.doneAt ? (
          <>
            <Badge appearance="filled" color="success">
              Done
            </Badge>
            <span>{formatDate(task.doneAt, true)}</span>
          </>
        ) : (
          <>
            {task.overdue && (
              <Badge appearance="filled" color="danger">
                Overdue
              </Badge>
            )}
            <span className={task.overdue ? styles.overdue : undefined}>
              Due {formatDate(task.dueAt, true)}
            </span>
          </>
        )}
      </span>
      {task.doneAt && task.note && <p className={styles.userText}>Note: {task.note}</p>}
      {!task.doneAt && canComplete && !open && (
        <div className={styles.row}>
          <Button onClick={() => setOpen(true)}>Mark done</Button>
        </div>
      )}
      {!task.doneAt && canComplete && open && (
        <div className={styles.stack}>
          <Field label="What happened (optional)">
            <Textarea value={note} maxLength={1000} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <ErrorBar error={error} />
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy} onClick={() => void done()}>
              Save as done
            </Button>
            <Button disabled={busy} onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

export function FollowUps({
  conferenceId,
  overview,
  deadlines,
  canComplete,
  onUpdated,
}: {
  conferenceId: string;
  overview: AfterOverview;
  deadlines: AfterDeadline[];
  canComplete: boolean;
  onUpdated: Updated;
}) {
  const styles = useAfterStyles();
  return (
    <>
      {deadlines.map((d) => (
        <DeadlineLine key={d.key} deadline={d} />
      ))}
      {overview.tasks.length === 0 ? (
        <p className={styles.hint}>
          {overview.letter
            ? 'No follow-ups: everyone gets the letter by email.'
            : 'The follow-ups appear once the chair approves the letter.'}
        </p>
      ) : (
        <ul className={styles.list} aria-label="Follow-ups">
          {overview.tasks.map((t) => (
            <Task
              key={t.id}
              conferenceId={conferenceId}
              task={t}
              canComplete={canComplete}
              onUpdated={onUpdated}
            />
          ))}
        </ul>
      )}
    </>
  );
}

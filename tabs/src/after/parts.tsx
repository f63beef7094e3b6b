/**
 * Small pieces the after-the-conference sections share: a deadline line (overdue says so in words, not
 * colour alone), a confirmation step before anything is sent, and a document shown as its recipients get it.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Badge, Button } from '@fluentui/react-components';
import type { AfterDeadline } from '../types.js';
import { useAfterStyles } from './styles.js';

export function DeadlineLine({ deadline }: { deadline: AfterDeadline }) {
  const styles = useAfterStyles();
  const badge = deadline.done ? (
    <Badge appearance="filled" color="success">
      Done
    </Badge>
  ) : deadline.status === 'overdue' ? (
    <Badge appearance="filled" color="danger">
      Overdue
    </Badge>
  ) : deadline.status === 'due-today' ? (
    <Badge appearance="filled" color="warning">
      Due today
    </Badge>
  ) : (
    <Badge appearance="tint" color="informative">
      Upcoming
    </Badge>
  );
  return (
    <p className={styles.row} style={{ margin: 0 }} data-deadline={deadline.key}>
      {badge}
      <span className={!deadline.done && deadline.status === 'overdue' ? styles.overdue : undefined}>
        {deadline.title}: due {deadline.dueLabel}
      </span>
      <span className={styles.hint}>({deadline.rule})</span>
    </p>
  );
}

/**
 * "Are you sure?" in place, not in a pop-up: the question takes the focus, so a keyboard user lands on it,
 * and "Not yet" returns to where they were.
 */
export function ConfirmStep({
  question,
  yes,
  busy,
  onYes,
  onNo,
  children,
}: {
  question: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onNo: () => void;
  children?: ReactNode;
}) {
  const styles = useAfterStyles();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={styles.confirm} role="group" aria-label={question}>
      <p ref={ref} tabIndex={-1} className={styles.heading}>
        {question}
      </p>
      {children}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={onYes}>
          {yes}
        </Button>
        <Button disabled={busy} onClick={onNo}>
          Not yet
        </Button>
      </div>
    </div>
  );
}

/**
 * The service's HTML (every typed text escaped there) in a sandboxed frame: `sandbox=""` lets nothing in it
 * run, submit or navigate, and the chair sees the layout the family and professionals will receive.
 */
export function DocumentFrame({ title, html }: { title: string; html: string }) {
  const styles = useAfterStyles();
  return <iframe className={styles.document} title={title} sandbox="" srcDoc={html} />;
}

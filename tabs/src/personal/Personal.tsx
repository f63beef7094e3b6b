/** The personal tab: my conferences (with my role), the reports I owe, and my plan actions, with dates. */
import { useEffect, useState } from 'react';
import { Badge, Link, Subtitle1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorBar, Loading, errorMessage, formatDate, useTab } from '../shell.js';
import { statusWords } from '../labels.js';
import type { Overview, Role } from '../types.js';
import { Oversight } from './Oversight.js';

const ROLE_WORDS: Record<Role, string> = {
  chair: 'You chair it',
  'lead-social-worker': 'You are the lead social worker',
  'minute-taker': 'You take the minutes',
  professional: 'You are invited',
  family: 'Your family',
  manager: 'You oversee it',
};

const useStyles = makeStyles({
  page: { padding: '16px 24px', display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '960px' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px',
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px 16px',
    alignItems: 'center',
  },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
  userText: { overflowWrap: 'anywhere' },
});

/** Statuses from the decision on: the letter, minutes and follow-ups are under way. */
const DECIDED = new Set(['decided', 'outcome-sent', 'minutes-approved']);

/**
 * The chair and the lead social worker always get the link (the decision may be in the record before the
 * conference's status moves); the minute-taker and a manager once it is decided.
 */
const afterLinkFor = (c: Overview['conferences'][number]): boolean =>
  c.role === 'chair' ||
  c.role === 'lead-social-worker' ||
  ((c.role === 'minute-taker' || c.role === 'manager') && DECIDED.has(c.status));

export function Personal() {
  const styles = useStyles();
  const { api } = useTab();
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.overview().then(setOverview, (e: unknown) => setError(errorMessage(e)));
  }, [api]);
  if (!overview)
    return (
      <main className={styles.page}>
        {error ? <ErrorBar error={error} /> : <Loading label="Loading your conferences" />}
      </main>
    );
  const labelOf = (id: string) => overview.conferences.find((c) => c.id === id)?.kindLabel ?? 'Conference';
  return (
    <main className={styles.page}>
      <Subtitle1 as="h1">My conferences</Subtitle1>
      <section aria-labelledby="confs">
        <Subtitle2 as="h2" id="confs">
          Conferences
        </Subtitle2>
        {overview.conferences.length === 0 ? (
          <p className={styles.empty}>You have no conferences.</p>
        ) : (
          <ul className={styles.list}>
            {overview.conferences.map((c) => (
              <li key={c.id} className={styles.card}>
                <strong>{c.kindLabel}</strong>
                <span>{c.scheduledStart ? formatDate(c.scheduledStart, true) : 'Date not set yet'}</span>
                <Badge appearance="tint">{statusWords(c.status)}</Badge>
                <span>{ROLE_WORDS[c.role]}</span>
                {(c.role === 'chair' || c.role === 'lead-social-worker' || c.role === 'minute-taker') && (
                  <Link href={`/tab/side-panel?conferenceId=${encodeURIComponent(c.id)}`}>
                    Open the side panel
                  </Link>
                )}
                {afterLinkFor(c) && (
                  <Link href={`/tab/after?conferenceId=${encodeURIComponent(c.id)}`}>
                    After the conference
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="reports">
        <Subtitle2 as="h2" id="reports">
          Reports due
        </Subtitle2>
        {overview.reportsDue.length === 0 ? (
          <p className={styles.empty}>No reports due from you.</p>
        ) : (
          <ul className={styles.list}>
            {overview.reportsDue.map((r) => (
              <li key={`${r.conferenceId}-${r.reportId ?? ''}`} className={styles.card}>
                <strong>Report for the {labelOf(r.conferenceId).toLowerCase()}</strong>
                <span>Due {formatDate(r.due)}</span>
                <Badge appearance="tint">{statusWords(r.status)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="actions">
        <Subtitle2 as="h2" id="actions">
          My plan actions
        </Subtitle2>
        {overview.actions.length === 0 ? (
          <p className={styles.empty}>No plan actions for you.</p>
        ) : (
          <ul className={styles.list}>
            {overview.actions.map((a) => (
              <li key={a.actionId} className={styles.card}>
                <span className={styles.userText}>{a.what}</span>
                <span>By {formatDate(a.byWhen)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Oversight />
    </main>
  );
}

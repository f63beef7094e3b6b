/**
 * After the conference, in process order: the decision letter, the follow-ups, the core group (a child
 * protection plan only), the minutes and the plan, each with its deadline. Controls a person's role cannot use are not shown; the service checks them too.
 */
import { useCallback, useEffect, useState } from 'react';
import { Subtitle1, Subtitle2 } from '@fluentui/react-components';
import { ErrorBar, Loading, conferenceIdFromUrl, errorMessage, formatDate, useTab } from '../shell.js';
import { CATEGORY_LABELS, OUTCOME_LABELS } from '../labels.js';
import type { AfterOverview, LetterPreview, MinutesPreview, Role } from '../types.js';
import { CoreGroup } from './CoreGroup.js';
import { FollowUps } from './FollowUps.js';
import { Letter } from './Letter.js';
import { Minutes } from './Minutes.js';
import { PlanSection } from './PlanSection.js';
import { useAfterStyles } from './styles.js';

/** What each role may do here (bot/domain/access.ts); a manager only reads. */
export interface Abilities {
  approve: boolean;
  completeTasks: boolean;
  /** Offer, fix, cancel and mark held the core group's meetings. */
  runCoreGroup: boolean;
  endPlan: boolean;
  requestReview: boolean;
}

export function abilitiesOf(role: Role | undefined): Abilities {
  const chair = role === 'chair';
  const lead = role === 'lead-social-worker';
  return {
    approve: chair,
    completeTasks: chair || lead,
    runCoreGroup: chair || lead,
    endPlan: chair || lead,
    requestReview: chair || lead || role === 'minute-taker',
  };
}

/** A section's answer: the new overview and the sentence the live region reads out. */
export type Updated = (next: AfterOverview, said: string) => void;

export function After() {
  const styles = useAfterStyles();
  const { api } = useTab();
  const conferenceId = conferenceIdFromUrl();
  const [overview, setOverview] = useState<AfterOverview>();
  const [role, setRole] = useState<Role>();
  const [letter, setLetter] = useState<LetterPreview>();
  const [letterError, setLetterError] = useState<string>();
  const [minutes, setMinutes] = useState<MinutesPreview>();
  const [minutesError, setMinutesError] = useState<string>();
  const [error, setError] = useState<string>();
  const [said, setSaid] = useState('');

  useEffect(() => {
    if (!conferenceId) {
      setError('This page does not know which conference to show. Open it from your conferences.');
      return;
    }
    let cancelled = false;
    // The role comes from my own list; a manager who oversees it without a part reads only.
    void api.overview().then(
      (o) => !cancelled && setRole(o.conferences.find((c) => c.id === conferenceId)?.role),
      () => undefined,
    );
    void api.after(conferenceId).then(
      (o) => {
        if (cancelled) return;
        setOverview(o);
        if (!o.decision) return;
        api.letter(conferenceId).then(
          (l) => !cancelled && setLetter(l),
          (e: unknown) => !cancelled && setLetterError(errorMessage(e)),
        );
        api.minutes(conferenceId).then(
          (m) => !cancelled && setMinutes(m),
          (e: unknown) => !cancelled && setMinutesError(errorMessage(e)),
        );
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, conferenceId]);

  const updated: Updated = useCallback((next, sentence) => {
    setOverview(next);
    setSaid(sentence);
  }, []);

  if (!overview || !conferenceId)
    return (
      <main className={styles.page}>
        {error ? <ErrorBar error={error} /> : <Loading label="Loading what happens after the conference" />}
      </main>
    );

  const can = abilitiesOf(role);
  const deadline = (key: string) => overview.deadlines.filter((d) => d.key === key);
  const decision = overview.decision;
  return (
    <main className={styles.page}>
      <Subtitle1 as="h1">After the conference {overview.reference}</Subtitle1>
      <p role="status" aria-live="polite" className={styles.hint}>
        {said}
      </p>
      {!decision ? (
        <p className={styles.hint}>
          The conference has not recorded its decision yet. The letter, the minutes and the follow-ups start
          once it has.
        </p>
      ) : (
        <>
          <p className={styles.userText}>
            Decision: {OUTCOME_LABELS[decision.outcome]}
            {decision.category ? ` (${CATEGORY_LABELS[decision.category]})` : ''}
            {overview.heldOn ? `, conference held ${formatDate(overview.heldOn)}` : ''}.
          </p>
          <section className={styles.section} aria-labelledby="letter-heading">
            <Subtitle2 as="h2" id="letter-heading">
              Decision letter
            </Subtitle2>
            <Letter
              conferenceId={conferenceId}
              overview={overview}
              deadlines={deadline('decision-letter')}
              preview={letter}
              previewError={letterError}
              canApprove={can.approve}
              onUpdated={updated}
            />
          </section>
          <section className={styles.section} aria-labelledby="tasks-heading">
            <Subtitle2 as="h2" id="tasks-heading">
              Follow-ups
            </Subtitle2>
            <FollowUps
              conferenceId={conferenceId}
              overview={overview}
              deadlines={deadline('absent-parents-told')}
              canComplete={can.completeTasks}
              onUpdated={updated}
            />
          </section>
          {overview.plan.status !== 'none' && (
            <section className={styles.section} aria-labelledby="core-group-heading">
              <Subtitle2 as="h2" id="core-group-heading">
                Core group
              </Subtitle2>
              <CoreGroup
                conferenceId={conferenceId}
                canRun={can.runCoreGroup && overview.plan.status === 'active'}
                onSaid={setSaid}
              />
            </section>
          )}
          <section className={styles.section} aria-labelledby="minutes-heading">
            <Subtitle2 as="h2" id="minutes-heading">
              Minutes
            </Subtitle2>
            <Minutes
              conferenceId={conferenceId}
              overview={overview}
              deadlines={deadline('minutes')}
              preview={minutes}
              previewError={minutesError}
              canApprove={can.approve}
              onUpdated={updated}
            />
          </section>
          <section className={styles.section} aria-labelledby="plan-heading">
            <Subtitle2 as="h2" id="plan-heading">
              The plan
            </Subtitle2>
            <PlanSection
              conferenceId={conferenceId}
              overview={overview}
              deadlines={[
                ...deadline('first-core-group'),
                ...deadline('first-review'),
                ...deadline('next-review'),
              ]}
              can={can}
              onUpdated={updated}
              onSaid={setSaid}
            />
          </section>
        </>
      )}
    </main>
  );
}

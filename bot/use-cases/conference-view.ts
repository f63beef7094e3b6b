import type { Conference } from '../domain/conference.js';
import { initials } from '../domain/conference.js';
import { statusLabel } from '../domain/lifecycle.js';
import { childParticipation, conferenceParts, PARTICIPATION_TEXT } from '../domain/participation.js';
import type { ConferenceSummary, StoredConference } from '../domain/ports.js';
import type { TimescaleSettings, WorkingDayCalendar } from '../domain/timescales/index.js';
import { computeDeadlines, describeDeadline, withStatus } from '../domain/timescales/index.js';
import type { ConferenceView } from '../http/views.js';

export interface TimescaleContext {
  calendar: WorkingDayCalendar;
  settings: TimescaleSettings;
}

/** Every deadline known for a conference, with where it stands today. */
export function conferenceDeadlines(c: Conference, t: TimescaleContext, now: Date) {
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
    },
    t.calendar,
    t.settings,
  );
  return withStatus(deadlines, now).map((d) => ({
    ...d,
    status: d.status ?? 'upcoming',
    sentence: describeDeadline(d),
  }));
}

/** The conference as the tab shows it: stored facts plus everything derived from them. */
export function toConferenceView(c: StoredConference, t: TimescaleContext, now: Date): ConferenceView {
  // Participation is judged on the conference day when known, else today.
  const onDay = c.scheduledStart?.slice(0, 10) ?? now.toISOString().slice(0, 10);
  const parts = conferenceParts(c.familyMembers);
  return {
    ...c,
    statusLabel: statusLabel(c.status),
    children: c.children.map((ch) => {
      const participation = childParticipation(ch, onDay);
      return {
        ...ch,
        initials: initials(ch),
        participation,
        participationText: PARTICIPATION_TEXT[participation],
      };
    }),
    parts,
    twoPart: parts.length > 1,
    deadlines: conferenceDeadlines(c, t, now),
  };
}

/** The next deadline still to come, for lists. */
export function nextDeadlineSentence(
  c: ConferenceSummary,
  t: TimescaleContext,
  now: Date,
): string | undefined {
  const deadlines = computeDeadlines(
    { kind: c.kind, strategyDiscussionDate: c.strategyDiscussionDate, scheduledStart: c.scheduledStart },
    t.calendar,
    t.settings,
  );
  const next = withStatus(deadlines, now).find((d) => d.status !== 'overdue');
  return next && describeDeadline(next);
}

/**
 * The daily chase: reminders to invitees who have not answered (5 and 2 working days before, by
 * default), and the chair is told when quorum is at risk or people are still silent after the last
 * reminder. Idempotent: every message has a dedupe key per day, so running it twice sends nothing twice.
 */
import { DateTime } from 'luxon';
import type { ConferenceStatus } from '../domain/conference.js';
import type { OutboxMessage } from '../domain/ports.js';
import { dueFor, invitationReminders } from '../domain/timescales/index.js';
import { conferenceDeadlines } from '../use-cases/conference-view.js';
import type { InvitationDeps } from '../use-cases/invitations.js';
import { readiness } from '../use-cases/invitations.js';

const OPEN: ConferenceStatus[] = ['invitations-sent', 'ready'];

/** Today's date in England. */
const londonToday = (now: Date): string =>
  DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() as string;

export async function chaseInvitations(
  deps: InvitationDeps,
): Promise<{ reminders: number; warnings: number }> {
  const now = deps.clock.now();
  const today = londonToday(now);
  const messages: OutboxMessage[] = [];
  let warnings = 0;
  for (const status of OPEN) {
    for (let offset = 0; ; offset += 200) {
      const page = await deps.conferences.listConferences({ status, limit: 200, offset });
      for (const summary of page) {
        if (!summary.scheduledStart || summary.scheduledStart.slice(0, 10) <= today) continue;
        const r = await readiness(deps, summary.id);
        const reminders = invitationReminders(
          summary.scheduledStart,
          deps.timescales.calendar,
          deps.timescales.settings,
        );
        // Only the latest reminder day reached: after an outage nobody gets two reminders at once.
        const current = reminders.filter((d) => d.due <= today).at(-1);
        const silent = r.invitations.filter((i) => !i.answer && !i.withdrawn);
        if (current)
          for (const i of silent)
            messages.push({
              kind: 'reminder',
              payload: { invitationId: i.id },
              dedupeKey: `reminder:${i.id}:${current.due}`,
            });
        const warnFrom = dueFor(
          conferenceDeadlines(r.conference, deps.timescales, now),
          'quorum-warning',
        )?.due;
        const lastReminderPassed = reminders.length > 0 && (reminders.at(-1)?.due ?? '9999') <= today;
        const worry = r.assessment.state !== 'quorate' || (lastReminderPassed && silent.length > 0);
        if (worry && ((warnFrom && warnFrom <= today) || lastReminderPassed)) {
          warnings += 1;
          messages.push({
            kind: 'quorum-warning',
            payload: { conferenceId: summary.id },
            dedupeKey: `quorum-warning:${summary.id}:${today}`,
          });
        }
      }
      if (page.length < 200) break;
    }
  }
  const added = await deps.invitations.enqueue(messages, now);
  if (added) deps.kickOutbox();
  return { reminders: messages.filter((m) => m.kind === 'reminder').length, warnings };
}

/**
 * Delivering the core group's outbox messages: the scheduling card, the calendar event once a time is
 * fixed, the owners' progress cards and the escalations. Cards to Teams through the Notifier; email when
 * Teams cannot reach the person, as the invitation and report reminders do.
 */
import { DateTime } from 'luxon';
import { CALENDAR_TIME_ZONE, coreGroupEventKey } from '../domain/calendar.js';
import type { CalendarPort } from '../domain/calendar.js';
import { initials } from '../domain/conference.js';
import { escalations } from '../domain/core-group/index.js';
import type { CoreGroupMeeting, EscalationLevel } from '../domain/core-group/index.js';
import type { MailSender, OutgoingMail } from '../domain/mail.js';
import type { Notifier } from '../domain/ports.js';
import type { OutboxItem } from '../store/outbox-repository.js';
import { emailOf, escalationCard, progressCard, slotsCard } from '../use-cases/core-group-cards.js';
import { escalationMail, progressMail, slotsMail } from '../use-cases/core-group-mail.js';
import type { CoreGroup, CoreGroupDeps } from '../use-cases/core-groups.js';
import { loadCoreGroup, londonToday } from '../use-cases/core-groups.js';
import type { AdaptiveCard } from '../../cards/render.js';

export interface CoreGroupDeliveryDeps {
  coreGroups: CoreGroupDeps;
  notifier: Notifier;
  mail: MailSender;
  calendar: CalendarPort;
  authorityName: string;
}

type Handler = (item: OutboxItem) => Promise<void>;

const local = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(CALENDAR_TIME_ZONE);

export function coreGroupDeliveries(deps: CoreGroupDeliveryDeps) {
  const key = (item: OutboxItem) => item.dedupeKey ?? item.id;

  async function meetingAndGroup(
    meetingId: string,
  ): Promise<{ g: CoreGroup; meeting: CoreGroupMeeting } | undefined> {
    const found = await deps.coreGroups.groups.getMeeting(meetingId);
    if (!found) return undefined;
    const g = await loadCoreGroup(deps.coreGroups, found.conferenceId);
    return { g, meeting: found };
  }

  /** Teams first for people with an Entra id; the email when the app is not installed for them. */
  async function toPerson(
    aadObjectId: string | undefined,
    card: AdaptiveCard | undefined,
    mail: () => OutgoingMail | undefined,
  ) {
    if (card && aadObjectId && (await deps.notifier.sendCard(aadObjectId, card)) !== 'unreachable') return;
    const letter = mail();
    if (letter) await deps.mail.send(letter);
  }

  const slots: Handler = async (item) => {
    const { meetingId, personId } = item.payload as { meetingId: string; personId: string };
    const found = await meetingAndGroup(meetingId);
    if (!found || found.meeting.status !== 'proposed') return; // fixed or cancelled meanwhile
    const person = found.g.people.find((p) => p.id === personId);
    if (!person) return;
    await toPerson(person.aadObjectId, slotsCard(found.g, found.meeting, personId), () =>
      slotsMail(found.g, found.meeting, personId, deps.authorityName, key(item)),
    );
  };

  const calendar: Handler = async (item) => {
    const found = await meetingAndGroup((item.payload as { meetingId: string }).meetingId);
    const startsAt = found?.meeting.startsAt;
    if (!found || found.meeting.status !== 'scheduled' || !startsAt) return;
    const { g, meeting } = found;
    const start = local(startsAt);
    const end = start.plus({ minutes: meeting.durationMinutes });
    const attendees = g.members.flatMap((m) => emailOf(g.conference, m.id) ?? []);
    const ref = await deps.calendar.upsertCoreGroupEvent({
      key: coreGroupEventKey(g.conference.id, meeting.number),
      conferenceId: g.conference.id,
      subject: `Core group meeting ${meeting.number}: ${g.conference.reference}`,
      start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      end: end.toFormat("yyyy-MM-dd'T'HH:mm"),
      startUtc: start.toUTC().toISO() ?? '',
      endUtc: end.toUTC().toISO() ?? '',
      attendees,
      text:
        `Core group meeting ${meeting.number} for ${g.conference.reference} (children: initials ` +
        `${g.conference.children.map(initials).join(', ')}). The lead social worker arranges for the family to ` +
        'take part. If you cannot come, send your progress update from the card in Microsoft Teams before the meeting.',
    });
    if (ref.eventId !== meeting.calendarEventId)
      await deps.coreGroups.groups.setCalendarEventId(meeting.id, ref.eventId);
  };

  /**
   * A cancelled meeting's calendar event is cancelled for its attendees. The note names the meeting, not
   * the reason: the reason may be about the family and stays on the record. Members' cards refresh.
   */
  const cancelled: Handler = async (item) => {
    const found = await meetingAndGroup((item.payload as { meetingId: string }).meetingId);
    if (!found || found.meeting.status !== 'cancelled') return;
    const { g, meeting } = found;
    await deps.calendar.cancelCoreGroupEvent(
      coreGroupEventKey(g.conference.id, meeting.number),
      `Core group meeting ${meeting.number} for ${g.conference.reference} is cancelled. ` +
        'The lead social worker will arrange another time.',
    );
  };

  const progress: Handler = async (item) => {
    const { meetingId, personId } = item.payload as { meetingId: string; personId: string };
    const found = await meetingAndGroup(meetingId);
    if (!found || found.meeting.status !== 'scheduled') return;
    const person = found.g.people.find((p) => p.id === personId);
    if (!person) return;
    const today = londonToday(deps.coreGroups.clock.now());
    await toPerson(person.aadObjectId, progressCard(found.g, found.meeting, personId, today), () =>
      progressMail(found.g, found.meeting, personId, deps.authorityName, key(item)),
    );
  };

  /** Sends only what still stands: an action done meanwhile is left out, and nothing goes if none is left. */
  const escalation: Handler = async (item) => {
    const { conferenceId, level, actionIds } = item.payload as {
      conferenceId: string;
      level: EscalationLevel;
      actionIds: string[];
    };
    const g = await loadCoreGroup(deps.coreGroups, conferenceId);
    const today = londonToday(deps.coreGroups.clock.now());
    const standing = escalations({
      actions: g.record.actions,
      updates: g.updates,
      meetings: g.meetings,
      today,
      calendar: deps.coreGroups.timescales.calendar,
    }).filter(
      (e) => actionIds.includes(e.actionId) && (level === 'lead-social-worker' || e.level === 'chair'),
    );
    if (standing.length === 0) return;
    const to = g.people.find((p) => p.role === level);
    await toPerson(to?.aadObjectId, escalationCard(g, level, standing, today), () =>
      escalationMail(g, level, standing, today, deps.authorityName, key(item)),
    );
  };

  return {
    'core-group-slots': slots,
    'core-group-calendar': calendar,
    'core-group-cancelled': cancelled,
    'core-group-progress': progress,
    'core-group-escalation': escalation,
  } satisfies Record<string, Handler>;
}

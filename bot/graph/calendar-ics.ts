/** One conference event as an RFC 5545 / RFC 5546 (iTIP) message, written with ical-generator. */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { CALENDAR_TIME_ZONE } from '../domain/calendar.js';

export interface IcsAttendee {
  name: string;
  email: string;
  role: 'chair' | 'required';
}

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  stamp: Date;
  /** Local wall-clock times in Europe/London, YYYY-MM-DDTHH:mm. */
  start: string;
  end: string;
  summary: string;
  description: string;
  html?: string | undefined;
  location: string;
  joinUrl?: string | undefined;
  organiser: { name?: string | undefined; email: string };
  attendees: IcsAttendee[];
  /** Hash of what the attendees see, so an unchanged re-send can be recognised without a state file. */
  contentHash?: string | undefined;
}

export const CONTENT_HASH_PROPERTY = 'X-ROUNDTABLE-CONTENT-HASH';

/**
 * Europe/London as RFC 5545 rules: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October, as in the Summer Time Order 2002 and unchanged since the 1996 EU alignment.
 * Written as rules rather than a list of dates so the file stays valid for any future year.
 */
export const EUROPE_LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19960331T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const localTime = (s: string) => DateTime.fromISO(s, { zone: CALENDAR_TIME_ZONE });

/** The whole VCALENDAR text, CRLF line endings, lines folded at 75 octets. */
export function renderIcs(e: IcsEvent): string {
  const cancel = e.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Roundtable', product: 'Child protection conferences', language: 'EN' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone name: with one, ical-generator writes DTSTAMP without its required "Z".
    // The generator alone still adds a VTIMEZONE for every TZID the events use.
    timezone: { name: null, generator: (tz) => (tz === CALENDAR_TIME_ZONE ? EUROPE_LONDON_VTIMEZONE : null) },
  });
  const event = calendar.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp: e.stamp,
    start: localTime(e.start),
    end: localTime(e.end),
    timezone: CALENDAR_TIME_ZONE,
    summary: e.summary,
    description: e.html && !cancel ? { plain: e.description, html: e.html } : e.description,
    location: e.location,
    url: e.joinUrl ?? null,
    organizer: { name: e.organiser.name ?? e.organiser.email, email: e.organiser.email },
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  for (const a of e.attendees)
    event.createAttendee({
      name: a.name,
      email: a.email,
      role: a.role === 'chair' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      type: ICalAttendeeType.INDIVIDUAL,
      rsvp: !cancel,
    });
  if (e.contentHash) event.x(CONTENT_HASH_PROPERTY, e.contentHash);
  return calendar.toString();
}

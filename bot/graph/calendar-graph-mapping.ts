/**
 * Pure mapping between conference parts and Microsoft Graph calendar payloads: the event bodies we send,
 * and the getSchedule and calendarView answers we read (parsed with zod at the edge, STYLE.md #2).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CALENDAR_TIME_ZONE, conferenceEventBody } from '../domain/calendar.js';
import type { ConferencePart } from '../domain/calendar.js';
import type { Conference } from '../domain/conference.js';

/**
 * Our named MAPI properties on each event (one GUID of our own, a name per property): how an event is
 * found again by its part key, all parts by conference id, and whether a re-send changes anything.
 */
const PROPERTY_SET = '{4b7d6a0e-5f21-4c39-9a8e-2d61c0f3b7a4}';
export const EVENT_PROPERTIES = {
  partKey: `String ${PROPERTY_SET} Name RoundtablePartKey`,
  conferenceId: `String ${PROPERTY_SET} Name RoundtableConferenceId`,
  contentHash: `String ${PROPERTY_SET} Name RoundtableContentHash`,
} as const;

const LOCATION = {
  virtual: 'Microsoft Teams',
  hybrid: 'In person or Microsoft Teams',
  'in-person': 'In person',
};

/** Graph's dateTimeTimeZone takes a wall-clock time without offset plus the zone it is in. */
const wallClock = (local: string) => ({ dateTime: `${local}:00`, timeZone: CALENDAR_TIME_ZONE });

/** Fields sent on create and on update: what the attendees see. */
export function eventFields(conference: Conference, part: ConferencePart) {
  const body = conferenceEventBody(conference, part);
  return {
    subject: body.subject,
    // The contract's enum is lower case (contracts README §1.4); Graph reads it case-insensitively.
    body: { contentType: 'html' as const, content: body.html },
    start: wallClock(part.start),
    end: wallClock(part.end),
    location: { displayName: LOCATION[conference.format] },
    attendees: part.attendees.map((a) => ({
      emailAddress: { address: a.email, name: a.name },
      type: 'required' as const,
    })),
    // Times follow the statutory timescales and the organiser is a service mailbox nobody reads: no proposals.
    allowNewTimeProposals: false,
    responseRequested: true,
  };
}

/** The create body: the stable key as transactionId, so Graph itself de-duplicates a retried POST. */
export function createEventBody(conference: Conference, part: ConferencePart, contentHash: string) {
  return {
    ...eventFields(conference, part),
    transactionId: part.key,
    ...(conference.format === 'in-person'
      ? {}
      : { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' as const }),
    singleValueExtendedProperties: [
      { id: EVENT_PROPERTIES.partKey, value: part.key },
      { id: EVENT_PROPERTIES.conferenceId, value: conference.id },
      { id: EVENT_PROPERTIES.contentHash, value: contentHash },
    ],
  };
}

/** The update body: Graph sends the attendees an update (and removed attendees a cancellation). */
export function updateEventBody(conference: Conference, part: ConferencePart, contentHash: string) {
  return {
    ...eventFields(conference, part),
    singleValueExtendedProperties: [{ id: EVENT_PROPERTIES.contentHash, value: contentHash }],
  };
}

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const ExtendedProperty = z.object({ id: z.string(), value: z.string().nullish() });

/** An event as listed by GET /events or /calendarView with our $select and $expand. */
export const GraphEvent = z.looseObject({
  id: z.string(),
  isCancelled: z.boolean().nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
  singleValueExtendedProperties: z.array(ExtendedProperty).nullish(),
  attendees: z
    .array(
      z.object({
        emailAddress: z.object({ address: z.string().nullish(), name: z.string().nullish() }).nullish(),
        status: z.object({ response: z.string().nullish(), time: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});
export type GraphEvent = z.infer<typeof GraphEvent>;
export const GraphEventPage = z.looseObject({
  value: z.array(GraphEvent),
  '@odata.nextLink': z.string().optional(),
});

export const propertyOf = (event: GraphEvent, id: string): string | undefined =>
  event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value ??
  undefined;

/** Windows zone names Graph may use for the UK and UTC; anything else must be an IANA name. */
const WINDOWS_ZONES: Record<string, string> = {
  'GMT Standard Time': 'Europe/London',
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
};

/** A dateTimeTimeZone as an ISO instant in UTC (Graph writes up to seven fractional digits). */
export function toInstant(value: z.infer<typeof DateTimeTimeZone>): string {
  const zone = WINDOWS_ZONES[value.timeZone ?? 'UTC'] ?? value.timeZone ?? 'UTC';
  const at = DateTime.fromISO(value.dateTime.replace(/(\.\d{3})\d+/, '$1'), { zone });
  if (!at.isValid)
    throw new Error(`Graph sent a time that cannot be read (${at.invalidReason ?? 'invalid'})`);
  return at.toUTC().toISO() as string;
}

export type RsvpResponse = 'accepted' | 'tentativelyAccepted' | 'declined';
export interface AttendeeResponse {
  key: string;
  eventId: string;
  email: string;
  response: RsvpResponse;
  /** When the attendee answered, ISO 8601 UTC, if Graph says. */
  respondedAt?: string | undefined;
}

const ANSWERS = new Set<string>(['accepted', 'tentativelyAccepted', 'declined']);

/**
 * Attendee answers on our events (those carrying a part key), for RSVP sync. "none" and
 * "notResponded" are not answers; with `since`, only answers given at or after it.
 */
export function attendeeResponses(events: readonly GraphEvent[], since?: Date): AttendeeResponse[] {
  return events.flatMap((event) => {
    const key = propertyOf(event, EVENT_PROPERTIES.partKey);
    if (!key || event.isCancelled) return [];
    return (event.attendees ?? []).flatMap((a) => {
      const response = a.status?.response ?? '';
      const email = a.emailAddress?.address?.trim().toLowerCase();
      if (!email || !ANSWERS.has(response)) return [];
      const time = a.status?.time && !a.status.time.startsWith('0001-') ? a.status.time : undefined;
      const respondedAt = time ? toInstant({ dateTime: time.replace(/Z$/, ''), timeZone: 'UTC' }) : undefined;
      if (since && (!respondedAt || respondedAt < since.toISOString())) return [];
      return [{ key, eventId: event.id, email, response: response as RsvpResponse, respondedAt }];
    });
  });
}

export const ScheduleResponse = z.looseObject({
  value: z.array(
    z.looseObject({
      scheduleId: z.string(),
      availabilityView: z.string().nullish(),
      scheduleItems: z
        .array(z.object({ status: z.string().nullish(), start: DateTimeTimeZone, end: DateTimeTimeZone }))
        .nullish(),
      error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
    }),
  ),
});

export interface FreeBusy {
  mailbox: string;
  /** False when Graph could not read this calendar (another organisation, no permission): unknown, not free. */
  known: boolean;
  busy: { start: string; end: string; status: string }[];
}

/** getSchedule's answer as busy periods in UTC; free time is not listed, so it cannot be mistaken. */
export function freeBusyFromSchedule(answer: unknown): FreeBusy[] {
  return ScheduleResponse.parse(answer).value.map((s) => ({
    mailbox: s.scheduleId.toLowerCase(),
    known: !s.error,
    busy: (s.scheduleItems ?? [])
      .filter((i) => i.status !== 'free')
      .map((i) => ({ start: toInstant(i.start), end: toInstant(i.end), status: i.status ?? 'busy' })),
  }));
}

/**
 * The calendar port over Microsoft Graph: one Teams meeting event per conference part in the
 * organiser mailbox. Each event carries its part key (transactionId and a named extended property), so
 * it is found before anything is created, a retried create is de-duplicated by Graph, and an unchanged
 * re-send sends nobody an update. Graph keeps the iCalendar SEQUENCE and notifies attendees itself.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { CALENDAR_TIME_ZONE, CancelMessage, conferenceEventParts } from '../domain/calendar.js';
import type {
  CalendarEventRef,
  CalendarPort,
  ConferencePart,
  CoreGroupEvent,
  UpsertOptions,
} from '../domain/calendar.js';
import type { Conference } from '../domain/conference.js';
import type { Logger } from '../logger.js';
import {
  attendeeResponses,
  createEventBody,
  EVENT_PROPERTIES,
  eventFields,
  freeBusyFromSchedule,
  GraphEvent,
  GraphEventPage,
  propertyOf,
  updateEventBody,
} from './calendar-graph-mapping.js';
import type { AttendeeResponse, FreeBusy } from './calendar-graph-mapping.js';
import { GraphRequestPolicy } from './graph-client.js';

export interface GraphCalendarOptions {
  client: Client;
  /** The mailbox that organises every conference (GRAPH_ORGANISER_MAILBOX). */
  organiserMailbox: string;
  logger: Logger;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

export interface GraphCalendar extends CalendarPort {
  /** Busy periods of each mailbox in the window, from getSchedule (at most 100 per request). */
  freeBusy(mailboxes: readonly string[], window: TimeWindow): Promise<FreeBusy[]>;
  /** Answers given on our events that occur in the window; with `since`, only newer answers. */
  changedResponses(window: TimeWindow & { since?: Date }): Promise<AttendeeResponse[]>;
}

/** A stray page link must not send us round in circles: 50 pages of 100 events is far beyond one mailbox. */
const MAX_PAGES = 50;
const UTC = 'outlook.timezone="UTC"';
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const utcWallClock = (d: Date) => ({ dateTime: d.toISOString().replace(/Z$/, ''), timeZone: 'UTC' });
/** OData names keep their "$"; values are percent-encoded (the SDK passes a path's query through as is). */
const queryString = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
/** A nextLink is absolute; the client wants a path under its own base URL and version. */
const relative = (link: string) => {
  const url = new URL(link);
  return url.pathname.replace(/^\/v1\.0(?=\/)/, '') + url.search;
};

/** What decides whether attendees need an update: the parts as the conference defines them, links aside. */
function contentHash(conference: Conference, part: ConferencePart): string {
  const fields = eventFields(conference, { ...part, joinUrl: undefined });
  return createHash('sha256')
    .update(JSON.stringify([fields, conference.format]))
    .digest('hex')
    .slice(0, 32);
}

/** The event's fields as Graph takes them: wall-clock times in England, the attendees, a plain body. */
function coreGroupEventFields(e: CoreGroupEvent) {
  return {
    subject: e.subject,
    body: { contentType: 'text', content: e.text },
    start: { dateTime: `${e.start}:00`, timeZone: CALENDAR_TIME_ZONE },
    end: { dateTime: `${e.end}:00`, timeZone: CALENDAR_TIME_ZONE },
    attendees: e.attendees.map((a) => ({
      emailAddress: { address: a.email, name: a.name },
      type: 'required',
    })),
    allowNewTimeProposals: true,
  };
}

export function createGraphCalendar(options: GraphCalendarOptions): GraphCalendar {
  const { client, logger } = options;
  const mailbox = `/users/${encodeURIComponent(options.organiserMailbox)}`;

  /** Follows @odata.nextLink through the client, so every page passes the same middleware. */
  async function allPages(first: string): Promise<GraphEvent[]> {
    const events: GraphEvent[] = [];
    let next: string | undefined = first;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const answer = GraphEventPage.parse(await client.api(next).header('Prefer', UTC).get());
      events.push(...answer.value);
      const link = answer['@odata.nextLink'];
      next = link ? relative(link) : undefined;
    }
    return events;
  }

  /** Every live event of this conference, by part key. */
  async function conferenceEvents(conferenceId: string): Promise<Map<string, GraphEvent>> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quote(EVENT_PROPERTIES.conferenceId)} and ep/value eq ${quote(conferenceId)})`;
    const expand = `singleValueExtendedProperties($filter=id eq ${quote(EVENT_PROPERTIES.partKey)} or id eq ${quote(EVENT_PROPERTIES.contentHash)})`;
    const query = queryString({
      $filter: filter,
      $select: 'id,isCancelled,onlineMeeting',
      $expand: expand,
      $top: '100',
    });
    const events = await allPages(`${mailbox}/events?${query}`);
    const byKey = new Map<string, GraphEvent>();
    for (const e of events) {
      const key = propertyOf(e, EVENT_PROPERTIES.partKey);
      if (key && !e.isCancelled) byKey.set(key, e);
    }
    return byKey;
  }

  /** The live event of one core group meeting, found by its key. */
  async function coreGroupEvent(key: string): Promise<GraphEvent | undefined> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quote(EVENT_PROPERTIES.partKey)} and ep/value eq ${quote(key)})`;
    const expand = `singleValueExtendedProperties($filter=id eq ${quote(EVENT_PROPERTIES.partKey)} or id eq ${quote(EVENT_PROPERTIES.contentHash)})`;
    const found = await allPages(
      `${mailbox}/events?${queryString({ $filter: filter, $select: 'id,isCancelled,onlineMeeting', $expand: expand, $top: '10' })}`,
    );
    return found.find((e) => !e.isCancelled);
  }

  async function cancel(event: GraphEvent, key: string, comment: string): Promise<void> {
    await client.api(`${mailbox}/events/${encodeURIComponent(event.id)}/cancel`).post({ Comment: comment });
    logger.info({ key, eventId: event.id }, 'calendar event cancelled');
  }

  async function upsertPart(conference: Conference, part: ConferencePart, existing?: GraphEvent) {
    const hash = contentHash(conference, part);
    const ref = (event: GraphEvent): CalendarEventRef => ({
      key: part.key,
      part: part.number,
      eventId: event.id,
      joinUrl: event.onlineMeeting?.joinUrl ?? part.joinUrl,
    });
    if (existing && propertyOf(existing, EVENT_PROPERTIES.contentHash) === hash) return ref(existing);
    if (existing) {
      const path = `${mailbox}/events/${encodeURIComponent(existing.id)}`;
      await client.api(path).patch(updateEventBody(conference, part, hash));
      logger.info({ key: part.key, eventId: existing.id }, 'calendar event updated');
      return ref(existing);
    }
    const created = GraphEvent.parse(
      await client
        .api(`${mailbox}/events`)
        // Graph de-duplicates on transactionId, so a create whose answer was lost may be repeated.
        .middlewareOptions([new GraphRequestPolicy({ idempotent: true })])
        .post(createEventBody(conference, part, hash)),
    );
    logger.info({ key: part.key, eventId: created.id }, 'calendar event created');
    return ref(created);
  }

  return {
    async upsertConferenceEvents(conference: Conference, opts: UpsertOptions = {}) {
      conferenceEventParts(conference, opts); // refuse a conference without a time before calling Graph
      const existing = await conferenceEvents(conference.id);
      // The body repeats each part's own Teams link: Graph's join block does not survive a body update.
      const known = Object.fromEntries(
        [...existing].flatMap(([key, e]) =>
          e.onlineMeeting?.joinUrl ? [[key, e.onlineMeeting.joinUrl]] : [],
        ),
      );
      // Graph makes each part's Teams meeting: a link stored on the conference from elsewhere is not used.
      const parts = conferenceEventParts(
        { ...conference, joinUrl: undefined },
        { ...opts, joinUrls: { ...known, ...opts.joinUrls } },
      );
      const refs: CalendarEventRef[] = [];
      for (const part of parts) refs.push(await upsertPart(conference, part, existing.get(part.key)));
      for (const [key, event] of existing)
        if (!parts.some((p) => p.key === key))
          await cancel(event, key, 'This part of the conference is no longer needed.');
      return refs;
    },

    async cancelConferenceEvents(conference, message) {
      const comment = CancelMessage.parse(message);
      for (const [key, event] of await conferenceEvents(conference.id)) await cancel(event, key, comment);
    },

    // Core groups after the conference: one Teams meeting event per core group meeting.
    async upsertCoreGroupEvent(event) {
      const existing = await coreGroupEvent(event.key);
      const fields = coreGroupEventFields(event);
      // An unchanged re-send sends the attendees nothing.
      const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
      const hashProperty = { id: EVENT_PROPERTIES.contentHash, value: hash };
      if (existing) {
        if (propertyOf(existing, EVENT_PROPERTIES.contentHash) !== hash) {
          await client
            .api(`${mailbox}/events/${encodeURIComponent(existing.id)}`)
            .patch({ ...fields, singleValueExtendedProperties: [hashProperty] });
          logger.info({ key: event.key, eventId: existing.id }, 'core group event updated');
        }
        return { eventId: existing.id, joinUrl: existing.onlineMeeting?.joinUrl ?? undefined };
      }
      const created = GraphEvent.parse(
        await client
          .api(`${mailbox}/events`)
          // Graph de-duplicates on transactionId, so a create whose answer was lost may be repeated.
          .middlewareOptions([new GraphRequestPolicy({ idempotent: true })])
          .post({
            ...fields,
            transactionId: event.key,
            isOnlineMeeting: true,
            onlineMeetingProvider: 'teamsForBusiness',
            singleValueExtendedProperties: [
              { id: EVENT_PROPERTIES.partKey, value: event.key },
              { id: EVENT_PROPERTIES.conferenceId, value: event.conferenceId },
              hashProperty,
            ],
          }),
      );
      logger.info({ key: event.key, eventId: created.id }, 'core group event created');
      return { eventId: created.id, joinUrl: created.onlineMeeting?.joinUrl ?? undefined };
    },

    async cancelCoreGroupEvent(key, message) {
      const comment = CancelMessage.parse(message);
      const existing = await coreGroupEvent(key);
      if (existing) await cancel(existing, key, comment);
    },

    async freeBusy(mailboxes, window) {
      const answer: unknown = await client
        .api(`${mailbox}/calendar/getSchedule`)
        .header('Prefer', UTC)
        .post({
          Schedules: [...mailboxes],
          StartTime: utcWallClock(window.start),
          EndTime: utcWallClock(window.end),
          AvailabilityViewInterval: 30,
        });
      return freeBusyFromSchedule(answer);
    },

    async changedResponses(window) {
      const query = queryString({
        startDateTime: window.start.toISOString(),
        endDateTime: window.end.toISOString(),
        $select: 'id,isCancelled,attendees',
        $expand: `singleValueExtendedProperties($filter=id eq ${quote(EVENT_PROPERTIES.partKey)})`,
        $top: '100',
      });
      const events = await allPages(`${mailbox}/calendarView?${query}`);
      return attendeeResponses(events, window.since);
    },
  };
}

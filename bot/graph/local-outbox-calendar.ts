/**
 * The local calendar outbox (DESIGN.md §2, "Real components"): with no Graph credentials, every
 * invitation, update and cancellation becomes a real RFC 5545 `.ics` file (an RFC 5546 iTIP message)
 * that any calendar opens. The files are also the state: the newest file per UID holds its SEQUENCE
 * and a hash of its content, so there is no second record to drift from what was actually written.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../domain/clock.js';
import {
  CancelMessage,
  conferenceEventBody,
  conferenceEventParts,
  MAX_PARTS,
  partKey,
} from '../domain/calendar.js';
import type { CalendarEventRef, CalendarPort, ConferencePart } from '../domain/calendar.js';
import type { Conference } from '../domain/conference.js';
import { Recipient } from '../domain/mail.js';
import { renderIcs } from './calendar-ics.js';
import type { IcsEvent } from './calendar-ics.js';
import { parseCalendarFileName, parseIcsSummary } from './calendar-outbox-list.js';
import type { CalendarFileKind, CalendarFileName, IcsSummary } from './calendar-outbox-list.js';
import { fileTimestamp, keySlug } from './local-outbox-mail.js';
import { writeAtomically } from './atomic-file.js';

export { listCalendarOutbox } from './calendar-outbox-list.js';
export type { CalendarOutboxEntry } from './calendar-outbox-list.js';

export interface LocalOutboxCalendarOptions {
  outboxDir: string;
  organiser: { name: string; email: string };
  clock: Clock;
}

const LOCATION = {
  virtual: 'Microsoft Teams',
  hybrid: 'In person or Microsoft Teams',
  'in-person': 'In person',
};
const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A CalendarPort that writes `.ics` files into `outboxDir` instead of sending. */
export function createLocalOutboxCalendar(options: LocalOutboxCalendarOptions): CalendarPort {
  const organiser = Recipient.parse(options.organiser);
  const outboxDir = path.resolve(options.outboxDir);
  // One writer at a time in this process, so two updates can never take the same SEQUENCE. The local
  // outbox serves one instance; several instances use Graph, which keeps the count itself.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The newest file per key slug: the highest SEQUENCE, and a whole-event file over a "removed" one. */
  async function latestFiles(): Promise<Map<string, CalendarFileName>> {
    await mkdir(outboxDir, { recursive: true });
    const latest = new Map<string, CalendarFileName>();
    for (const name of (await readdir(outboxDir)).flatMap((f) => parseCalendarFileName(f) ?? [])) {
      const seen = latest.get(name.slug);
      if (
        !seen ||
        name.sequence > seen.sequence ||
        (name.sequence === seen.sequence && seen.kind === 'removed')
      )
        latest.set(name.slug, name);
    }
    return latest;
  }

  const read = async (file: string): Promise<IcsSummary> =>
    parseIcsSummary(await readFile(path.join(outboxDir, file), 'utf8'));

  async function write(slug: string, kind: CalendarFileKind, event: Omit<IcsEvent, 'organiser' | 'stamp'>) {
    const stamp = options.clock.now();
    const file = `${fileTimestamp(stamp)}-${slug}-s${event.sequence}-${kind}.ics`;
    await writeAtomically(path.join(outboxDir, file), renderIcs({ ...event, organiser, stamp }));
  }

  /** A CANCEL for a live event, rebuilt from its last request so it reaches the same people. */
  async function cancelLive(slug: string, latest: CalendarFileName | undefined, message: string) {
    if (!latest || latest.kind === 'cancel') return;
    const last = await read(latest.file);
    await write(slug, 'cancel', {
      ...last,
      method: 'CANCEL',
      sequence: latest.sequence + 1,
      description: message,
    });
  }

  async function upsertPart(conference: Conference, part: ConferencePart, latest?: CalendarFileName) {
    const slug = keySlug(part.key);
    const body = conferenceEventBody(conference, part);
    const location = part.joinUrl ?? LOCATION[conference.format];
    const attendees = part.attendees.map(({ name, email, role }) => ({ name, email, role }));
    const content = { ...body, start: part.start, end: part.end, location, joinUrl: part.joinUrl, attendees };
    const contentHash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
    const ref = (sequence: number): CalendarEventRef => ({
      key: part.key,
      part: part.number,
      eventId: part.key,
      joinUrl: part.joinUrl,
      sequence,
    });

    const last = latest?.kind === 'request' ? await read(latest.file) : undefined;
    if (latest && last?.contentHash === contentHash) return ref(latest.sequence); // a re-send: nothing changed
    const sequence = latest ? latest.sequence + 1 : 0;
    const event = {
      uid: part.key,
      sequence,
      start: part.start,
      end: part.end,
      summary: body.subject,
      location,
    };
    // People taken off the event (say a parent moved to the other part) get a CANCEL for it (RFC 5546 §3.2.5).
    const removed = (last?.attendees ?? []).filter(
      (a) => !attendees.some((b) => sameEmail(a.email, b.email)),
    );
    if (removed.length)
      await write(slug, 'removed', {
        ...event,
        method: 'CANCEL',
        attendees: removed,
        description: 'You are no longer invited to this meeting.',
      });
    await write(slug, 'request', {
      ...event,
      method: 'REQUEST',
      description: body.text,
      html: body.html,
      joinUrl: part.joinUrl,
      attendees,
      contentHash,
    });
    return ref(sequence);
  }

  return {
    async upsertConferenceEvents(conference, opts) {
      const parts = conferenceEventParts(conference, opts); // validate before touching the outbox
      return serially(async () => {
        const latest = await latestFiles();
        const refs: CalendarEventRef[] = [];
        for (const part of parts)
          refs.push(await upsertPart(conference, part, latest.get(keySlug(part.key))));
        // A conference that had more parts than it has now: the extra parts' events are cancelled.
        for (let n = parts.length + 1; n <= MAX_PARTS; n++) {
          const slug = keySlug(partKey(conference.id, n));
          await cancelLive(slug, latest.get(slug), 'This part of the conference is no longer needed.');
        }
        return refs;
      });
    },

    // Core groups after the conference: one .ics per meeting, updated with a higher SEQUENCE when it moves.
    async upsertCoreGroupEvent(e) {
      return serially(async () => {
        const slug = keySlug(e.key);
        const latest = (await latestFiles()).get(slug);
        const attendees = e.attendees.map(({ name, email }) => ({ name, email, role: 'required' as const }));
        const content = { subject: e.subject, text: e.text, start: e.start, end: e.end, attendees };
        const contentHash = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
        const last = latest?.kind === 'request' ? await read(latest.file) : undefined;
        if (latest && last?.contentHash === contentHash) return { eventId: e.key };
        await write(slug, 'request', {
          method: 'REQUEST',
          uid: e.key,
          sequence: latest ? latest.sequence + 1 : 0,
          start: e.start,
          end: e.end,
          summary: e.subject,
          location: 'Microsoft Teams',
          description: e.text,
          attendees,
          contentHash,
        });
        return { eventId: e.key };
      });
    },

    async cancelCoreGroupEvent(key, message) {
      const note = CancelMessage.parse(message);
      await serially(async () => {
        const slug = keySlug(key);
        await cancelLive(slug, (await latestFiles()).get(slug), note);
      });
    },

    async cancelConferenceEvents(conference, message) {
      const note = CancelMessage.parse(message);
      await serially(async () => {
        const latest = await latestFiles();
        for (let n = 1; n <= MAX_PARTS; n++) {
          const slug = keySlug(partKey(conference.id, n));
          await cancelLive(slug, latest.get(slug), note);
        }
      });
    },
  };
}

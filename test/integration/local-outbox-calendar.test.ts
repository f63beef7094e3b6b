/** The local calendar outbox against an independent parser: what a calendar would read from the files. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ical from 'node-ical';
import type { CalendarResponse, VEvent } from 'node-ical';
import { FixedClock } from '../../bot/domain/clock.js';
import { DomainError } from '../../bot/domain/errors.js';
import { createLocalOutboxCalendar, listCalendarOutbox } from '../../bot/graph/local-outbox-calendar.js';
import { listOutbox } from '../../bot/graph/local-outbox-mail.js';
import {
  FATHER as father,
  MOTHER as mother,
  twoPartConference as twoPart,
} from '../fakes/calendar-fixtures.js';
import { buildConference, CONFERENCE_ID, FAMILY_SECRETS } from '../fakes/fixtures.js';

const organiser = { name: 'Roundtable (fictional council)', email: 'roundtable@example.org' };
let dir: string;
let clock: FixedClock;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-calendar-'));
  clock = new FixedClock(new Date('2026-02-20T09:00:00.000Z'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const outbox = () => createLocalOutboxCalendar({ outboxDir: dir, organiser, clock });
const icsFiles = async () => (await readdir(dir)).filter((f) => f.endsWith('.ics')).sort();

interface Parsed {
  file: string;
  raw: string;
  method: string | undefined;
  event: VEvent;
  attendees: { email: string; params: Record<string, unknown> }[];
}
async function parse(file: string): Promise<Parsed> {
  const raw = await readFile(path.join(dir, file), 'utf8');
  const all: CalendarResponse = ical.sync.parseICS(raw);
  const event = Object.values(all).find((c) => c?.type === 'VEVENT') as VEvent;
  const list = [event.attendee ?? []].flat() as unknown as { val: string; params: Record<string, unknown> }[];
  return {
    file,
    raw,
    method: (all.vcalendar as { method?: string } | undefined)?.method,
    event,
    attendees: list.map((a) => ({ email: a.val.replace(/^mailto:/i, '').toLowerCase(), params: a.params })),
  };
}
const parseAll = async () => Promise.all((await icsFiles()).map(parse));

describe('local calendar outbox', () => {
  it('writes a REQUEST with organiser, attendees, Europe/London times and the join link', async () => {
    const refs = await outbox().upsertConferenceEvents(
      buildConference({ scheduledStart: '2026-07-02T10:00' }),
    );
    expect(refs).toEqual([expect.objectContaining({ key: `${CONFERENCE_ID}:1`, part: 1, sequence: 0 })]);
    const [file, ...more] = await parseAll();
    expect(more).toEqual([]);
    const { raw, method, event, attendees } = file!;
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe(`${CONFERENCE_ID}:1`);
    expect(Number(event.sequence)).toBe(0);
    expect(event.organizer).toMatchObject({
      params: { CN: organiser.name },
      val: `mailto:${organiser.email}`,
    });
    const chair = attendees.find((a) => a.email === 'morgan.chair@council.example.org');
    expect(chair?.params).toMatchObject({
      ROLE: 'CHAIR',
      PARTSTAT: 'NEEDS-ACTION',
      RSVP: true,
      CN: 'Morgan Chair',
    });
    const mum = attendees.find((a) => a.email === 'robin.sample@family.example.org');
    expect(mum?.params).toMatchObject({ ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: true });
    expect(attendees).toHaveLength(7);
    // 10:00 in British Summer Time is 09:00 UTC.
    expect(event.start.toISOString()).toBe('2026-07-02T09:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-07-02T11:00:00.000Z');
    expect(raw).toContain('DTSTART;TZID=Europe/London:20260702T100000');
    expect(raw).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/London/);
    expect(raw).toContain('DTSTAMP:20260220T090000Z');
    expect(event.location).toBe(buildConference().joinUrl);
    expect(event.description).toContain('If you need an interpreter');
    expect(raw.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('gets winter (GMT) times right', async () => {
    await outbox().upsertConferenceEvents(buildConference({ scheduledStart: '2026-12-03T10:00' }));
    const [{ event }] = (await parseAll()) as [Parsed];
    expect(event.start.toISOString()).toBe('2026-12-03T10:00:00.000Z');
  });

  it('keeps the UID and bumps SEQUENCE on each update, and writes nothing for an unchanged re-send', async () => {
    const calendar = outbox();
    await calendar.upsertConferenceEvents(buildConference());
    clock.advanceMs(1000);
    await calendar.upsertConferenceEvents(buildConference()); // a retried job
    expect(await icsFiles()).toHaveLength(1);
    clock.advanceMs(1000);
    const refs = await calendar.upsertConferenceEvents(
      buildConference({ scheduledStart: '2026-03-06T14:00' }),
    );
    expect(refs[0]?.sequence).toBe(1);
    const [first, second] = await parseAll();
    expect(second?.event.uid).toBe(first?.event.uid);
    expect([first, second].map((p) => Number(p?.event.sequence))).toEqual([0, 1]);
    expect(second?.event.start.toISOString()).toBe('2026-03-06T14:00:00.000Z');
    // A second instance over the same folder carries on from the files.
    clock.advanceMs(1000);
    await outbox().upsertConferenceEvents(buildConference({ scheduledStart: '2026-03-06T15:00' }));
    expect(Number((await parseAll())[2]?.event.sequence)).toBe(2);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE and the message, once', async () => {
    const calendar = outbox();
    await calendar.upsertConferenceEvents(buildConference());
    clock.advanceMs(1000);
    await calendar.cancelConferenceEvents(
      buildConference(),
      'The conference is cancelled: the family moved away.',
    );
    await calendar.cancelConferenceEvents(buildConference(), 'Again.');
    const [request, cancel, ...more] = await parseAll();
    expect(more).toEqual([]);
    expect(cancel?.method).toBe('CANCEL');
    expect(cancel?.event.status).toBe('CANCELLED');
    expect(cancel?.event.uid).toBe(request?.event.uid);
    expect(Number(cancel?.event.sequence)).toBe(1);
    expect(cancel?.event.description).toContain('the family moved away');
    expect(cancel?.attendees.map((a) => a.email).sort()).toEqual(
      request?.attendees.map((a) => a.email).sort(),
    );
    await expect(calendar.cancelConferenceEvents(buildConference(), '  ')).rejects.toThrow();
  });

  it('gives a two-part conference two events whose family members never overlap', async () => {
    const refs = await outbox().upsertConferenceEvents(twoPart());
    expect(refs.map((r) => r.key)).toEqual([`${CONFERENCE_ID}:1`, `${CONFERENCE_ID}:2`]);
    const files = await parseAll();
    expect(files).toHaveLength(2);
    const byUid = Object.fromEntries(files.map((f) => [f.event.uid, f.attendees.map((a) => a.email)]));
    const part1 = byUid[`${CONFERENCE_ID}:1`] ?? [];
    const part2 = byUid[`${CONFERENCE_ID}:2`] ?? [];
    expect(part1).toContain('robin.sample@family.example.org');
    expect(part1).not.toContain('sam.sample@family.example.org');
    expect(part2).toContain('sam.sample@family.example.org');
    expect(part2).not.toContain('robin.sample@family.example.org');
    for (const f of files) {
      // Anywhere in the file, not only the attendee list: a parent never sees the other parent.
      const other = f.event.uid.endsWith(':1') ? /Sam Sample|sam\.sample/i : /Robin|robin\.sample/i;
      expect(f.raw.replace(/\r\n[ \t]/g, '')).not.toMatch(other);
      // No shared link between parts: one link would let a parent into the other part.
      expect(f.event.url).toBeUndefined();
    }
  });

  it('keeps family names out of every SUMMARY', async () => {
    await outbox().upsertConferenceEvents(twoPart());
    for (const { event } of await parseAll())
      for (const secret of [...FAMILY_SECRETS, 'Sam']) expect(event.summary).not.toContain(secret);
  });

  it('sends a CANCEL to a parent moved to the other part, and cancels a part no longer needed', async () => {
    const calendar = outbox();
    const together = buildConference({ familyMembers: [{ ...mother, mayNotAttendWith: [] }, father] });
    await calendar.upsertConferenceEvents(together);
    clock.advanceMs(1000);
    await calendar.upsertConferenceEvents(twoPart());
    const removed = (await parseAll()).find((f) => f.file.endsWith('-removed.ics'));
    expect(removed?.method).toBe('CANCEL');
    expect(removed?.attendees.map((a) => a.email)).toEqual(['sam.sample@family.example.org']);
    clock.advanceMs(1000);
    await calendar.upsertConferenceEvents(together);
    const cancelled = (await parseAll()).filter((f) => f.file.endsWith('-cancel.ics'));
    expect(cancelled.map((f) => f.event.uid)).toEqual([`${CONFERENCE_ID}:2`]);
  });

  it('refuses a conference with no date and leaves no file', async () => {
    await expect(
      outbox().upsertConferenceEvents(buildConference({ scheduledStart: undefined })),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('lists the calendar outbox newest first, and the mail listing ignores .ics files', async () => {
    const calendar = outbox();
    await calendar.upsertConferenceEvents(buildConference());
    clock.advanceMs(1000);
    await calendar.cancelConferenceEvents(buildConference(), 'Cancelled.');
    const entries = await listCalendarOutbox(dir);
    expect(entries.map((e) => [e.method, e.sequence, e.date])).toEqual([
      ['CANCEL', 1, '2026-02-20T09:00:01.000Z'],
      ['REQUEST', 0, '2026-02-20T09:00:00.000Z'],
    ]);
    expect(entries[1]).toMatchObject({ uid: `${CONFERENCE_ID}:1`, start: '2026-03-05T10:00' });
    expect(entries[1]?.to).toContain('robin.sample@family.example.org');
    expect(await listOutbox(dir)).toEqual([]);
    expect(await listCalendarOutbox(path.join(dir, 'missing'))).toEqual([]);
  });
});

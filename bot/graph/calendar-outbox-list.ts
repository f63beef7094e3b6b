/**
 * Reads the calendar outbox back: the files' own names and properties are the record of what was sent
 * (latest SEQUENCE per UID), and what `npm run outbox` and the tab's list can show.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_HASH_PROPERTY } from './calendar-ics.js';
import type { IcsAttendee } from './calendar-ics.js';

/** request: an invitation or update; cancel: the whole event; removed: a CANCEL to people taken off it. */
export type CalendarFileKind = 'request' | 'cancel' | 'removed';

/** `<ISO basic timestamp>-<key slug>-s<SEQUENCE>-<kind>.ics`, see local-outbox-calendar.ts. */
const FILE_NAME = /^(\d{8}T\d{6}\.\d{3}Z)-(.+)-s(\d+)-(request|cancel|removed)\.ics$/;

export interface CalendarFileName {
  file: string;
  slug: string;
  sequence: number;
  kind: CalendarFileKind;
}

export function parseCalendarFileName(file: string): CalendarFileName | undefined {
  const m = FILE_NAME.exec(file);
  if (!m) return undefined;
  return { file, slug: m[2] as string, sequence: Number(m[3]), kind: m[4] as CalendarFileKind };
}

export interface IcsSummary {
  method: string;
  uid: string;
  sequence: number;
  summary: string;
  /** Local wall-clock times as written after TZID (YYYY-MM-DDTHH:mm). */
  start: string;
  end: string;
  location: string;
  joinUrl?: string | undefined;
  attendees: IcsAttendee[];
  contentHash?: string | undefined;
}

const unescapeText = (s: string) => s.replace(/\\([\\;,nN])/g, (_m, c: string) => (/n/i.test(c) ? '\n' : c));
const localOf = (v: string) => v.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2}).*$/, '$1-$2-$3T$4:$5');

/** Reads back the properties of a file this outbox wrote (one VEVENT); not a general iCalendar parser. */
export function parseIcsSummary(text: string): IcsSummary {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const out: IcsSummary = {
    method: '',
    uid: '',
    sequence: 0,
    summary: '',
    start: '',
    end: '',
    location: '',
    attendees: [],
  };
  for (const line of lines) {
    // The value starts at the first colon outside a quoted parameter.
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (colon < 0) continue;
    const [name = '', ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    const param = (p: string) =>
      params
        .find((x) => x.toUpperCase().startsWith(`${p}=`))
        ?.slice(p.length + 1)
        .replace(/^"|"$/g, '');
    switch (name.toUpperCase()) {
      case 'METHOD':
        out.method = value;
        break;
      case 'UID':
        out.uid = value;
        break;
      case 'SEQUENCE':
        out.sequence = Number(value);
        break;
      case 'SUMMARY':
        out.summary = unescapeText(value);
        break;
      case 'DTSTART':
        out.start = localOf(value);
        break;
      case 'DTEND':
        out.end = localOf(value);
        break;
      case 'LOCATION':
        out.location = unescapeText(value);
        break;
      case 'URL':
        out.joinUrl = value;
        break;
      case CONTENT_HASH_PROPERTY:
        out.contentHash = value;
        break;
      case 'ATTENDEE':
        out.attendees.push({
          email: value.replace(/^mailto:/i, ''),
          name: param('CN') ?? '',
          role: param('ROLE') === 'CHAIR' ? 'chair' : 'required',
        });
    }
  }
  return out;
}

export interface CalendarOutboxEntry {
  file: string;
  method: string;
  uid: string;
  sequence: number;
  summary: string;
  start: string;
  /** Attendee addresses. */
  to: string[];
  /** When the file was written, ISO 8601 (from the file name). */
  date: string;
}

const dateOf = (file: string) =>
  file.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z-.*$/, '$1-$2-$3T$4:$5:$6.$7Z');

/** Every `.ics` message in the outbox, newest first; an outbox that does not exist yet is empty. */
export async function listCalendarOutbox(outboxDir: string): Promise<CalendarOutboxEntry[]> {
  let names: CalendarFileName[];
  try {
    names = (await readdir(outboxDir)).flatMap((f) => parseCalendarFileName(f) ?? []);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = await Promise.all(
    names.map(async ({ file }) => {
      const ics = parseIcsSummary(await readFile(path.join(outboxDir, file), 'utf8'));
      return {
        file,
        method: ics.method,
        uid: ics.uid,
        sequence: ics.sequence,
        summary: ics.summary,
        start: ics.start,
        to: ics.attendees.map((a) => a.email),
        date: dateOf(file),
      };
    }),
  );
  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.file.localeCompare(a.file));
}

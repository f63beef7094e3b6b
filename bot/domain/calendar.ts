/**
 * The calendar port (STYLE.md #4) and the rules every conference invitation obeys, whichever adapter
 * writes it: the local .ics outbox (bot/graph/local-outbox-calendar.ts) or Microsoft Graph.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CONFERENCE_KIND_LABELS, initials } from './conference.js';
import type { Conference, FamilyMember } from './conference.js';
import { DomainError, ErrorCodes } from './errors.js';
import { conferenceParts } from './participation.js';

/** Conferences are arranged in English local time; every adapter writes this zone, not UTC. */
export const CALENDAR_TIME_ZONE = 'Europe/London';
/** At most 20 family members (conference.ts), so never more than 20 parts. */
export const MAX_PARTS = 20;

/** Stable per conference part: the iCalendar UID and the Graph transactionId, so a re-send never duplicates. */
export const partKey = (conferenceId: string, part: number): string => `${conferenceId}:${part}`;

const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a time like 2026-12-03T10:00.');
export const PartSlot = z
  .object({ start: LocalDateTime, durationMinutes: z.number().int().min(15).max(480) })
  .strict();
export type PartSlot = z.infer<typeof PartSlot>;

export const UpsertOptions = z
  .object({
    /** When the chair has timed each part; otherwise the parts share the conference time back to back. */
    partSlots: z.array(PartSlot).min(1).max(MAX_PARTS).optional(),
    /** Teams links already known, by part key. */
    joinUrls: z.record(z.string(), z.url()).optional(),
  })
  .strict();
export type UpsertOptions = z.input<typeof UpsertOptions>;

export interface CalendarAttendee {
  name: string;
  email: string;
  role: 'chair' | 'required';
  kind: 'professional' | 'family';
}

/** One calendar event: a conference, or one part of a two-part conference. */
export interface ConferencePart {
  key: string;
  /** 1-based. */
  number: number;
  count: number;
  /** Local wall-clock times in CALENDAR_TIME_ZONE (YYYY-MM-DDTHH:mm) and the same instants in UTC. */
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  attendees: CalendarAttendee[];
  familyMembers: Pick<FamilyMember, 'id' | 'relationship'>[];
  joinUrl?: string | undefined;
}

export interface CalendarEventRef {
  key: string;
  part: number;
  eventId: string;
  joinUrl?: string | undefined;
  /** The update count where the adapter knows it (the .ics SEQUENCE). */
  sequence?: number | undefined;
}

/** The calendar port: Graph and the local outbox implement it. Upserting the same conference twice changes nothing. */
export interface CalendarPort {
  upsertConferenceEvents(conference: Conference, opts?: UpsertOptions): Promise<CalendarEventRef[]>;
  cancelConferenceEvents(conference: Conference, message: string): Promise<void>;
  /** Creates or updates a core group meeting's event (a Teams meeting); the same event twice changes nothing. */
  upsertCoreGroupEvent(event: CoreGroupEvent): Promise<{ eventId: string; joinUrl?: string | undefined }>;
  /** Cancels a core group meeting's event, with the reason for its attendees; none live changes nothing. */
  cancelCoreGroupEvent(key: string, message: string): Promise<void>;
}

// Core groups after the conference.
/** A core group meeting as a calendar event: reference and initials only, never the family's names. */
export interface CoreGroupEvent {
  /** Stable key, `${conferenceId}:core-group:${number}`: finds the event again and de-duplicates a create. */
  key: string;
  conferenceId: string;
  subject: string;
  /** Local wall-clock times in CALENDAR_TIME_ZONE (YYYY-MM-DDTHH:mm) and the same instants in UTC (ISO). */
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  attendees: { name: string; email: string }[];
  /** Plain text; the adapters escape it for HTML. */
  text: string;
}

export const coreGroupEventKey = (conferenceId: string, number: number): string =>
  `${conferenceId}:core-group:${number}`;

/** The note sent with a cancellation, e.g. "The conference has been cancelled because …". */
export const CancelMessage = z.string().trim().min(1, 'Say why the conference is cancelled.').max(2000);

const fail = (message: string): never => {
  throw new DomainError(ErrorCodes.VALIDATION_FAILED, message, [{ path: 'calendar', message }]);
};

function defaultSlots(start: string, minutes: number, count: number): PartSlot[] {
  // Whole 5-minute blocks per part; the last part takes what is left over.
  const each = Math.floor(minutes / count / 5) * 5;
  const at = DateTime.fromISO(start, { zone: CALENDAR_TIME_ZONE });
  return Array.from({ length: count }, (_, i) => ({
    start: at.plus({ minutes: each * i }).toFormat("yyyy-LL-dd'T'HH:mm"),
    durationMinutes: i === count - 1 ? minutes - each * (count - 1) : each,
  }));
}

/**
 * Splits a conference into its calendar events. Parents who may not attend together (seed 003 §1.8)
 * get separate events with separate attendee lists and links, so neither ever sees the other's event.
 */
export function conferenceEventParts(conference: Conference, input: UpsertOptions = {}): ConferencePart[] {
  const opts = UpsertOptions.parse(input);
  if (!conference.scheduledStart) return fail('Set the conference date and time before sending invitations.');
  const groups = conferenceParts(conference.familyMembers);
  if (groups.length === 0) groups.push([]);
  const slots =
    opts.partSlots ?? defaultSlots(conference.scheduledStart, conference.durationMinutes, groups.length);
  if (slots.length !== groups.length)
    fail(`This conference has ${groups.length} parts: give a time for each.`);

  const person = (p: { name: string; email: string }, kind: CalendarAttendee['kind'], role = 'required') =>
    ({ name: p.name, email: p.email, role, kind }) as CalendarAttendee;
  const { chair, minuteTaker } = conference;
  const staff = [
    ...(chair ? [person(chair, 'professional', 'chair')] : []),
    person(conference.leadSocialWorker, 'professional'),
    ...(minuteTaker ? [person(minuteTaker, 'professional')] : []),
    ...conference.invitees.map((i) => person(i, 'professional')),
  ];

  return groups.map((ids, i) => {
    const key = partKey(conference.id, i + 1);
    const members = conference.familyMembers.filter((m) => ids.includes(m.id));
    const family = members.flatMap((m) =>
      m.email ? [person({ name: `${m.firstName} ${m.lastName}`, email: m.email }, 'family')] : [],
    );
    const slot = slots[i] as PartSlot;
    const start = DateTime.fromISO(slot.start, { zone: CALENDAR_TIME_ZONE });
    const end = start.plus({ minutes: slot.durationMinutes });
    // One link shared between parts would let a parent into the other part: only a part's own link is used.
    const joinUrl = opts.joinUrls?.[key] ?? (groups.length === 1 ? conference.joinUrl : undefined);
    return {
      key,
      number: i + 1,
      count: groups.length,
      start: start.toFormat("yyyy-LL-dd'T'HH:mm"),
      end: end.toFormat("yyyy-LL-dd'T'HH:mm"),
      startUtc: start.toUTC().toISO() as string,
      endUtc: end.toUTC().toISO() as string,
      attendees: uniqueByEmail([...staff, ...family]),
      familyMembers: members.map((m) => ({ id: m.id, relationship: m.relationship })),
      joinUrl,
    };
  });
}

/** The first mention of an address wins, so the chair keeps the chair role if also listed as an invitee. */
function uniqueByEmail(list: CalendarAttendee[]): CalendarAttendee[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const k = a.email.trim().toLowerCase();
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

const RELATIONSHIP_WORDS: Record<string, string> = { 'aunt-or-uncle': 'aunt or uncle' };
const relationshipWord = (r: string) => RELATIONSHIP_WORDS[r] ?? r.replace(/-(?!parent)/g, ' ');
/** "Health visitor" reads "health visitor" mid-sentence; "GP" stays as written. */
const roleWords = (r: string) => (/^[A-Z][a-z]/.test(r) ? r.charAt(0).toLowerCase() + r.slice(1) : r);
const listWords = (xs: string[]) =>
  xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The lines when the condition holds, else none: keeps the optional sentences below readable. */
const only = (condition: unknown, ...lines: string[]): string[] => (condition ? lines : []);

/**
 * The invitation text, written for the family in plain English: what the meeting is, who comes, how
 * to join, how to ask for help and how to complain. Calendars are widely visible (delegates, shared
 * mailboxes), so the subject carries the reference and label only and the body no family names.
 */
export function conferenceEventBody(
  conference: Conference,
  part: ConferencePart,
): { subject: string; text: string; html: string } {
  const { chair, minuteTaker, leadSocialWorker: sw } = conference;
  const partWords = part.count > 1 ? ` (part ${part.number} of ${part.count})` : '';
  const subject = `${conference.reference}: ${CONFERENCE_KIND_LABELS[conference.kind]}${partWords}`;
  const [start, end] = [part.start, part.end].map((t) =>
    DateTime.fromISO(t, { zone: CALENDAR_TIME_ZONE, locale: 'en-GB' }),
  ) as [DateTime, DateTime];
  const kids = conference.children.map(initials);
  const family = part.familyMembers.map((m) => relationshipWord(m.relationship));
  const link = part.joinUrl;
  const online = conference.format !== 'in-person';

  const sections: [string, string[]][] = [
    [
      'What this meeting is',
      [
        `A child protection conference is a meeting about keeping ${kids.length > 1 ? 'the children' : 'the child'} (initials ${listWords(kids)}) safe and well. The family and the professionals who work with the family meet with an independent chair. Together you talk about what is going well and what people are worried about, and agree a plan.`,
        ...only(
          part.count > 1,
          `This conference is held in ${part.count} parts, at different times. This invitation is for part ${part.number} only: please join at this time.`,
        ),
      ],
    ],
    ['When', [`${start.toFormat('cccc d LLLL yyyy, HH:mm')} to ${end.toFormat('HH:mm')} (UK time)`]],
    [
      'Who will be there',
      [
        ...only(
          chair,
          `The chair, ${chair?.name}, who runs the meeting and is not part of the social work team.`,
        ),
        `The social worker, ${sw.name}.`,
        ...only(minuteTaker, `${minuteTaker?.name}, who writes down what is said and agreed.`),
        ...conference.invitees
          .filter((i) => i.email !== sw.email)
          .map((p) => `${p.name}, ${roleWords(p.role)}, ${p.agency}.`),
        ...only(family.length, `Family invited to this part: ${listWords(family)}.`),
      ],
    ],
    [
      'How to join',
      [
        ...only(
          conference.format !== 'virtual',
          'You can come in person. Your social worker will tell you where.',
        ),
        ...only(
          online,
          link
            ? `To join online in Microsoft Teams, open this link: ${link}`
            : 'To join online, use the Microsoft Teams link in this invitation.',
          'You do not need the Teams app: the link also opens in a web browser on a phone, tablet or computer. Please join a few minutes early.',
        ),
      ],
    ],
    [
      'If you need help to take part',
      [
        `If you need an interpreter, British Sign Language, Makaton, large print or any other help, tell your social worker, ${sw.name}, at ${sw.email}, as soon as you can. This help is free.`,
        'You can bring a friend, a family supporter or an advocate with you. Please tell your social worker who.',
      ],
    ],
    [
      'If you are unhappy',
      [
        `If you are unhappy about how the conference is arranged or run, please tell the chair${chair ? `, ${chair.name} (${chair.email})` : ''}, first. If that does not put things right, you can make a complaint under the council's complaints procedure for child protection conferences. The chair or your social worker will tell you how.`,
      ],
    ],
  ];

  const text = [subject, ...sections.map(([h, lines]) => [h, ...lines].join('\n'))].join('\n\n');
  const htmlLine = (l: string) =>
    link && l.endsWith(link)
      ? `<p>${escapeHtml(l.slice(0, -link.length))}<a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
      : `<p>${escapeHtml(l)}</p>`;
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...sections.map(([h, lines]) => [`<h2>${escapeHtml(h)}</h2>`, ...lines.map(htmlLine)].join('\n')),
  ].join('\n');
  return { subject, text: `${text}\n`, html };
}

/**
 * The calendar rules without I/O: parts, attendee lists and the plain-English invitation text; and the
 * pure mapping of Graph's calendar answers, on fixtures checked against the Graph contract.
 */
import { KIND_LABELS, conferenceWhen } from '../../cards/invitation.js';
import { conferenceEventBody, conferenceEventParts, partKey } from '../../bot/domain/calendar.js';
import { DomainError } from '../../bot/domain/errors.js';
import {
  attendeeResponses,
  freeBusyFromSchedule,
  toInstant,
} from '../../bot/graph/calendar-graph-mapping.js';
import { FATHER, familyMember as member, MOTHER } from '../fakes/calendar-fixtures.js';
import { listedEvent as listed } from '../fakes/calendar-graph.js';
import { buildConference, CONFERENCE_ID, FAMILY_SECRETS } from '../fakes/fixtures.js';
import { graphSchemaProblems } from '../helpers/graph-contract.js';

/** Robin (mother) and Sam (father) may not attend together; Jo (grandparent, no email) joins the first part. */
const twoPart = () =>
  buildConference({
    familyMembers: [MOTHER, FATHER, member('g', 'Jo', 'grandparent', { email: undefined })],
  });

describe('conferenceEventParts', () => {
  it('makes one event for a conference whose family can attend together, with the conference link', () => {
    const [part, ...rest] = conferenceEventParts(buildConference());
    expect(rest).toEqual([]);
    expect(part).toMatchObject({
      key: `${CONFERENCE_ID}:1`,
      number: 1,
      count: 1,
      start: '2026-03-05T10:00',
      end: '2026-03-05T12:00',
      startUtc: '2026-03-05T10:00:00.000Z',
      joinUrl: buildConference().joinUrl,
    });
    expect(part?.attendees[0]).toMatchObject({ email: 'morgan.chair@council.example.org', role: 'chair' });
    // The lead social worker is also an invitee: listed once.
    expect(part?.attendees.filter((a) => a.email === 'alex.carter@agency.example.org')).toHaveLength(1);
  });

  it('splits parents who may not attend together into separate events with separate lists and no shared link', () => {
    const parts = conferenceEventParts(twoPart());
    expect(parts.map((p) => p.key)).toEqual([partKey(CONFERENCE_ID, 1), partKey(CONFERENCE_ID, 2)]);
    const family = parts.map((p) => p.attendees.filter((a) => a.kind === 'family').map((a) => a.email));
    expect(family).toEqual([['robin.sample@family.example.org'], ['sam.sample@family.example.org']]);
    // Professionals (the chair and five invitees, the social worker among them) attend both parts.
    const staff = parts.map((p) => p.attendees.filter((a) => a.kind === 'professional').length);
    expect(staff).toEqual([6, 6]);
    expect(parts.map((p) => p.joinUrl)).toEqual([undefined, undefined]);
    // Back to back, sharing the two hours.
    expect(parts.map((p) => [p.start, p.end])).toEqual([
      ['2026-03-05T10:00', '2026-03-05T11:00'],
      ['2026-03-05T11:00', '2026-03-05T12:00'],
    ]);
  });

  it('takes the chair’s times and links for each part', () => {
    const parts = conferenceEventParts(twoPart(), {
      partSlots: [
        { start: '2026-03-05T09:30', durationMinutes: 75 },
        { start: '2026-03-05T13:00', durationMinutes: 60 },
      ],
      joinUrls: { [partKey(CONFERENCE_ID, 2)]: 'https://teams.example.org/part-2' },
    });
    expect(parts.map((p) => [p.start, p.end, p.joinUrl])).toEqual([
      ['2026-03-05T09:30', '2026-03-05T10:45', undefined],
      ['2026-03-05T13:00', '2026-03-05T14:00', 'https://teams.example.org/part-2'],
    ]);
  });

  it.each([
    ['no date yet', buildConference({ scheduledStart: undefined }), {}],
    [
      'a time for one part only',
      twoPart(),
      { partSlots: [{ start: '2026-03-05T10:00', durationMinutes: 60 }] },
    ],
  ])('refuses %s with a clear message', (_name, conference, opts) => {
    expect(() => conferenceEventParts(conference, opts)).toThrow(DomainError);
  });

  it('converts to UTC in summer time and in winter', () => {
    const at = (scheduledStart: string) =>
      conferenceEventParts(buildConference({ scheduledStart }))[0]?.startUtc;
    expect(at('2026-07-02T10:00')).toBe('2026-07-02T09:00:00.000Z');
    expect(at('2026-12-03T10:00')).toBe('2026-12-03T10:00:00.000Z');
  });
});

describe('conferenceEventBody', () => {
  const [part1, part2] = conferenceEventParts(twoPart(), {
    joinUrls: { [partKey(CONFERENCE_ID, 1)]: 'https://teams.example.org/part-1?a=1&b=2' },
  });
  const body = conferenceEventBody(twoPart(), part1!);

  it('uses the same plain-English labels and times as the invitation card', () => {
    const single = conferenceEventBody(buildConference(), conferenceEventParts(buildConference())[0]!);
    expect(single.subject).toContain(KIND_LABELS[buildConference().kind]);
    expect(single.text).toContain(conferenceWhen('2026-03-05T10:00', 120));
  });

  it('gives the reference and plain label in the subject, no names', () => {
    expect(body.subject).toBe('RT-2026-0042: Initial child protection conference (part 1 of 2)');
    for (const secret of [...FAMILY_SECRETS, 'Sam', 'Jo Sample']) expect(body.subject).not.toContain(secret);
  });

  it('says what the meeting is, who comes, how to join, how to get help and how to complain', () => {
    expect(body.text).toContain('A child protection conference is a meeting about keeping the children');
    expect(body.text).toContain('initials PS and KS');
    expect(body.text).toContain('This invitation is for part 1 only');
    expect(body.text).toContain('Thursday 5 March 2026, 10:00 to 11:00 (UK time)');
    expect(body.text).toContain('The chair, Morgan Chair, who runs the meeting');
    expect(body.text).toContain('Eli Novak, GP, Riverside Surgery.');
    expect(body.text).toContain('Asha Patel, health visitor, Northshire Community Health.');
    expect(body.text).toContain('Family invited to this part: mother and grandparent.');
    expect(body.text).toContain('open this link: https://teams.example.org/part-1?a=1&b=2');
    expect(body.text).toContain('If you need an interpreter, British Sign Language, Makaton');
    expect(body.text).toContain('tell your social worker, Alex Carter, at alex.carter@agency.example.org');
    expect(body.text).toContain('make a complaint');
    expect(body.html).toContain('<a href="https://teams.example.org/part-1?a=1&amp;b=2">');
  });

  it('never names the family, and never mentions the other part’s family', () => {
    for (const secret of FAMILY_SECRETS) {
      expect(body.text).not.toContain(secret);
      expect(body.html).not.toContain(secret);
    }
    expect(body.text).not.toContain('father');
    const other = conferenceEventBody(twoPart(), part2!);
    expect(other.text).toContain('Family invited to this part: father.');
    expect(other.text).not.toContain('mother');
    // Part 2 has no link of its own yet: it points to the invitation rather than borrowing part 1's.
    expect(other.text).toContain('use the Microsoft Teams link in this invitation');
    expect(other.text).not.toContain('part-1');
  });

  it('tells people at an in-person conference that they come in person, with no online lines', () => {
    const conference = buildConference({ format: 'in-person' });
    const text = conferenceEventBody(conference, conferenceEventParts(conference)[0]!).text;
    expect(text).toContain('You can come in person.');
    expect(text).not.toContain('Microsoft Teams');
  });

  it('escapes HTML in what people typed', () => {
    const conference = buildConference({ reference: 'RT-<b>1</b>' });
    const html = conferenceEventBody(conference, conferenceEventParts(conference)[0]!).html;
    expect(html).toContain('RT-&lt;b&gt;1&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });
});

describe('Graph calendar answers (pure mapping, contract-checked fixtures)', () => {
  const ours = {
    ...listed('AAMk-1', partKey(CONFERENCE_ID, 1), 'h'),
    attendees: [
      {
        emailAddress: { address: 'a@example.org' },
        status: { response: 'declined', time: '2026-02-21T10:00:00Z' },
      },
      {
        emailAddress: { address: 'b@example.org' },
        status: { response: 'accepted', time: '2026-02-19T10:00:00Z' },
      },
      {
        emailAddress: { address: 'c@example.org' },
        status: { response: 'notResponded', time: '2026-02-21T10:00:00Z' },
      },
      {
        emailAddress: { address: 'd@example.org' },
        status: { response: 'organizer', time: '2026-02-21T10:00:00Z' },
      },
    ],
  };

  it('uses fixtures that are valid Graph events and schedules', () => {
    expect(graphSchemaProblems('event', ours)).toEqual([]);
    expect(
      graphSchemaProblems('scheduleInformation', {
        scheduleId: 'x@example.org',
        scheduleItems: [
          {
            status: 'free',
            start: { dateTime: '2026-03-05T10:00:00', timeZone: 'UTC' },
            end: { dateTime: '2026-03-05T11:00:00', timeZone: 'UTC' },
          },
        ],
      }),
    ).toEqual([]);
  });

  it('keeps real answers on our live events only, newer than since', () => {
    const cancelled = { ...ours, id: 'AAMk-2', isCancelled: true };
    const foreign = { ...ours, id: 'AAMk-3', singleValueExtendedProperties: [] };
    expect(attendeeResponses([ours, cancelled, foreign]).map((r) => [r.email, r.response])).toEqual([
      ['a@example.org', 'declined'],
      ['b@example.org', 'accepted'],
    ]);
    const since = new Date('2026-02-20T00:00:00Z');
    expect(attendeeResponses([ours], since).map((r) => r.email)).toEqual(['a@example.org']);
  });

  it('reads Graph times in UTC, Windows or IANA zones, with seven fractional digits', () => {
    expect(toInstant({ dateTime: '2026-07-02T10:00:00.0000000', timeZone: 'GMT Standard Time' })).toBe(
      '2026-07-02T09:00:00.000Z',
    );
    expect(toInstant({ dateTime: '2026-12-03T10:00:00', timeZone: 'Europe/London' })).toBe(
      '2026-12-03T10:00:00.000Z',
    );
    expect(() => toInstant({ dateTime: 'soon', timeZone: 'UTC' })).toThrow();
  });

  it('lists busy periods only and marks unreadable calendars unknown', () => {
    const slot = (status: string, h: number) => ({
      status,
      start: { dateTime: `2026-03-05T${h}:00:00`, timeZone: 'UTC' },
      end: { dateTime: `2026-03-05T${h + 1}:00:00`, timeZone: 'UTC' },
    });
    const result = freeBusyFromSchedule({
      value: [
        {
          scheduleId: 'X@example.org',
          scheduleItems: [slot('free', 10), slot('oof', 12), slot('tentative', 14)],
        },
      ],
    });
    expect(result).toEqual([
      {
        mailbox: 'x@example.org',
        known: true,
        busy: [
          { start: '2026-03-05T12:00:00.000Z', end: '2026-03-05T13:00:00.000Z', status: 'oof' },
          { start: '2026-03-05T14:00:00.000Z', end: '2026-03-05T15:00:00.000Z', status: 'tentative' },
        ],
      },
    ]);
    expect(() => freeBusyFromSchedule({ value: [{}] })).toThrow();
  });
});

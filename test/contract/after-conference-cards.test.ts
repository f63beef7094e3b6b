/** The cards after the conference: valid Adaptive Cards 1.5, and no family member named in chat. */
import { renderFollowUp, renderMinutesOverdue } from '../../cards/after-conference.js';
import { cardProblems } from '../helpers/contracts.js';

const base = {
  reference: 'RT-2026-0042',
  who: 'the child’s father',
  dueLabel: 'Fri 6 Mar 2026, 10:00',
  rule: 'within 24 hours of the conference',
};

describe('follow-up cards', () => {
  test.each([
    ['tell-absent-parent', false],
    ['tell-absent-parent', true],
    ['deliver-letter', false],
    ['deliver-letter', true],
  ] as const)(
    '%s (overdue: %s) validates against the schema and says what to do and by when',
    (kind, overdue) => {
      const card = renderFollowUp({ ...base, kind, overdue });
      expect(cardProblems(card)).toEqual([]);
      const text = JSON.stringify(card);
      expect(text).toContain('the child’s father');
      expect(text).toContain('Fri 6 Mar 2026, 10:00');
      expect(text).toContain(overdue ? 'Overdue for RT-2026-0042' : 'What to do');
    },
  );

  test('a relationship with markup is shown as text, and bad data is refused', () => {
    const card = renderFollowUp({ ...base, who: '<b>x</b> ${evil}', kind: 'deliver-letter', overdue: false });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('<b>x</b>');
    expect(() =>
      renderFollowUp({ ...base, reference: 'not a reference', kind: 'deliver-letter', overdue: false }),
    ).toThrow();
  });

  test('the minutes-overdue card validates and names the deadline and its rule', () => {
    const card = renderMinutesOverdue({
      reference: 'RT-2026-0042',
      dueLabel: 'Thu 26 Mar 2026',
      rule: 'within 15 working days of the conference',
    });
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('within 15 working days of the conference');
  });
});

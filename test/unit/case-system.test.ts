import { planEventForDecision, type PlanState } from '../../bot/domain/case-system.js';

const lead = { name: 'Ciarán O’Sample', email: 'ciaran.osample@example.org' };
const neglect: PlanState = { category: 'neglect', leadSocialWorker: lead };

describe('which message a decision sends to the case-management system', () => {
  test('an initial conference that makes a plan starts one; one that does not sends nothing', () => {
    expect(planEventForDecision(null, 'child-protection-plan', neglect)).toEqual({ event: 'plan-started' });
    expect(planEventForDecision(null, 'child-in-need-plan', null)).toBeNull();
    expect(planEventForDecision(null, 'no-further-action', null)).toBeNull();
  });

  test('a review that keeps the plan as it was sends nothing; a new category or lead is a change', () => {
    expect(planEventForDecision(neglect, 'child-protection-plan', neglect)).toBeNull();
    expect(
      planEventForDecision(neglect, 'child-protection-plan', { ...neglect, category: 'emotional-abuse' }),
    ).toEqual({ event: 'plan-changed' });
    expect(
      planEventForDecision(neglect, 'child-protection-plan', {
        ...neglect,
        leadSocialWorker: { name: 'Mo Example', email: 'mo.example@example.org' },
      }),
    ).toEqual({ event: 'plan-changed' });
  });

  test('a review that steps down to a child in need plan, early help or nothing ends the plan', () => {
    for (const outcome of ['child-in-need-plan', 'early-help', 'no-further-action'] as const)
      expect(planEventForDecision(neglect, outcome, null)).toEqual({
        event: 'plan-ended',
        endReason: 'review-decision',
      });
  });
});

import { renderError } from '../../cards/error.js';
import { renderWelcome } from '../../cards/welcome.js';
import { cardProblems } from '../helpers/contracts.js';

const textOf = (card: unknown): string => JSON.stringify(card);

describe('welcome card', () => {
  test.each([{}, { tabUrl: 'https://roundtable.example.org/tab/personal' }])(
    'validates against Adaptive Card 1.5 (%o)',
    (data) => {
      expect(cardProblems(renderWelcome(data))).toEqual([]);
    },
  );

  test('tells each role what it can do', () => {
    const text = textOf(renderWelcome());
    for (const role of [
      'Chairs',
      'Social workers',
      'Partner professionals',
      'Parents and family',
      'Business support',
    ])
      expect(text).toContain(role);
    expect(text).toContain('Welcome to Roundtable');
  });

  test('offers the tab only when its address is known', () => {
    expect(textOf(renderWelcome())).not.toContain('Open my conferences');
    expect(textOf(renderWelcome({ tabUrl: 'https://roundtable.example.org/tab' }))).toContain(
      'Open my conferences',
    );
  });
});

describe('error card', () => {
  test('validates and lists what to fix', () => {
    const card = renderError({
      message: 'Your answer could not be saved.',
      fixes: ['Choose a colleague', 'Add their email'],
      code: 'MALFORMED_PAYLOAD',
      correlationId: 'c-1',
    });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('• Choose a colleague');
    expect(textOf(card)).toContain('MALFORMED_PAYLOAD · c-1');
  });

  test('without fixes shows no empty heading', () => {
    const card = renderError({ message: 'Unknown action.', code: 'UNKNOWN_VERB', correlationId: 'c-2' });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).not.toContain('What to fix');
  });
});

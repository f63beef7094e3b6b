import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACTS_DIR, cardProblems } from '../helpers/contracts.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(CONTRACTS_DIR, 'fixtures', 'adaptive-cards', name), 'utf8'));

// The validator itself must tell good cards from bad ones, or every card test above it means nothing.
test.each([
  ['valid-meeting-card.json', true],
  ['invalid-textblock-without-text.json', false],
  ['invalid-bad-enum-and-url.json', false],
])('card validator judges %s as valid=%s', (name, valid) => {
  expect(cardProblems(fixture(name)).length === 0).toBe(valid);
});

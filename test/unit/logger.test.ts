import { safeError } from '../../bot/logger.js';

test('an error is logged by type, code and place, never by its message', () => {
  const e = Object.assign(
    new Error('duplicate key value (email)=(robin.sample@example.org) for Robin Sample'),
    { code: '23505' },
  );
  const logged = JSON.stringify(safeError(e));
  expect(logged).not.toMatch(/Robin|robin\.sample|duplicate key/);
  expect(safeError(e)).toMatchObject({ type: 'Error', code: '23505' });
  expect(safeError(e).at?.[0]).toMatch(/logger\.test\.ts/);
});

test('a thrown non-error says only what kind of value it was', () => {
  expect(safeError('Pip Sample')).toEqual({ type: 'string' });
});

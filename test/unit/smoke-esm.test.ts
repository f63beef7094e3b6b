import { PGlite } from '@electric-sql/pglite';
import { PgBoss } from 'pg-boss';
import { DomainError } from '../../bot/domain/errors.js';

test('esm smoke', async () => {
  const db = new PGlite();
  const r = await db.query<{ n: number }>('select 1 as n');
  expect(r.rows[0]?.n).toBe(1);
  expect(typeof PgBoss).toBe('function');
  expect(new DomainError('NOT_FOUND', 'x').code).toBe('NOT_FOUND');
  await db.close();
});

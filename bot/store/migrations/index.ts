import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_invitations.js';
import * as m0003 from './0003_reports.js';
import * as m0004 from './0004_audit.js';

/**
 * Migrations are listed in code rather than read from a folder, so they work the same from
 * tsx, from the compiled build and under jest. Add each new NNNN_name.ts here, in order.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_invitations': m0002,
  '0003_reports': m0003,
  '0004_audit': m0004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_invitations.js';
import * as m0003 from './0003_reports.js';
import * as m0004 from './0004_audit.js';
import * as m0005 from './0005_report_links.js';
import * as m0006 from './0006_manager_email.js';
import * as m0007 from './0007_conference_record.js';
import * as m0009 from './0009_case_system.js';
import * as m0010 from './0010_core_groups.js';
import * as m0011 from './0011_after_conference.js';
import * as m0012 from './0012_core_group_cancel.js';

/**
 * Migrations are listed in code rather than read from a folder, so they work the same from
 * tsx, from the compiled build and under jest. Add each new NNNN_name.ts here, in order.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_invitations': m0002,
  '0003_reports': m0003,
  '0004_audit': m0004,
  '0005_report_links': m0005,
  '0006_manager_email': m0006,
  '0007_conference_record': m0007,
  '0009_case_system': m0009,
  '0010_core_groups': m0010,
  '0011_after_conference': m0011,
  '0012_core_group_cancel': m0012,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

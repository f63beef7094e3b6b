/**
 * `npm run outbox`: lists the letters in the local outbox, newest first. The folder is OUTBOX_DIR from
 * the usual settings (./outbox by default), or the first argument: `npm run outbox -- ./other-outbox`.
 * Open a letter with any mail client; the files are plain RFC 5322 messages.
 */
import path from 'node:path';
import { loadConfig } from '../bot/config.js';
import { listOutbox } from '../bot/graph/outbox-list.js';

const outboxDir = process.argv[2] ? path.resolve(process.argv[2]) : loadConfig().outboxDir;
const entries = await listOutbox(outboxDir);

if (entries.length === 0) {
  console.log(`The outbox at ${outboxDir} is empty.`);
} else {
  console.log(`${entries.length} letter${entries.length === 1 ? '' : 's'} in ${outboxDir}, newest first:\n`);
  for (const e of entries) {
    console.log(`${e.date}  ${e.subject}`);
    console.log(`  to:   ${e.to.join(', ') || '(nobody)'}`);
    console.log(`  file: ${e.file}\n`);
  }
}

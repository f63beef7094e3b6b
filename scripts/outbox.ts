/**
 * `npm run outbox`: lists the letters (.eml) and calendar messages (.ics) in the local outbox, newest
 * first. The folder is OUTBOX_DIR from the usual settings (./outbox by default), or the first argument:
 * `npm run outbox -- ./other-outbox`. Open a letter with any mail client and an .ics with any calendar.
 */
import path from 'node:path';
import { loadConfig } from '../bot/config.js';
import { listCalendarOutbox } from '../bot/graph/calendar-outbox-list.js';
import { listOutbox } from '../bot/graph/outbox-list.js';

const outboxDir = process.argv[2] ? path.resolve(process.argv[2]) : loadConfig().outboxDir;
const letters = await listOutbox(outboxDir);
const events = await listCalendarOutbox(outboxDir);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

if (letters.length + events.length === 0) {
  console.log(`The outbox at ${outboxDir} is empty.`);
} else {
  console.log(
    `${plural(letters.length, 'letter')} and ${plural(events.length, 'calendar message')} in ${outboxDir}, newest first:\n`,
  );
  for (const e of letters) {
    console.log(`${e.date}  ${e.subject}`);
    console.log(`  to:   ${e.to.join(', ') || '(nobody)'}`);
    console.log(`  file: ${e.file}\n`);
  }
  for (const e of events) {
    console.log(
      `${e.date}  ${e.method === 'CANCEL' ? 'Cancelled: ' : ''}${e.summary} (update ${e.sequence})`,
    );
    console.log(`  starts: ${e.start}`);
    console.log(`  to:     ${e.to.join(', ') || '(nobody)'}`);
    console.log(`  file:   ${e.file}\n`);
  }
}

/** npm run demo: adds the fictional demo family to the embedded database, then exits. */
import { loadConfig } from './config.js';
import { systemClock } from './domain/clock.js';
import { englandAndWalesCalendar, TimescaleSettings } from './domain/timescales/index.js';
import { conferenceRepository } from './store/conference-repository.js';
import { openDatabase } from './store/database.js';
import { seedDemo } from './demo-data.js';

const config = loadConfig();
const store = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
});
try {
  const reference = await seedDemo({
    conferences: conferenceRepository(store.db),
    clock: systemClock,
    timescales: {
      calendar: englandAndWalesCalendar(config.authority.closureDays),
      settings: TimescaleSettings.parse({ minutesWorkingDays: config.authority.minutesWorkingDays }),
    },
  });
  console.log(
    reference
      ? `Added the fictional demo conference ${reference}. Start the service with npm start and open /api/conferences.`
      : 'The database already holds conferences; nothing was added.',
  );
} finally {
  await store.close();
}

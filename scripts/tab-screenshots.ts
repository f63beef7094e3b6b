/**
 * Screenshots of the conference tab for the README: the side panel (320 px wide, as in Teams, full
 * height), the stage and the personal tab, in the light and dark themes, from the real service with the
 * fictional demo conference part-way through; then the page after the conference, once the decision is
 * recorded and the letter sent. Writes docs/tab/*.png.
 * Usage: npm run tab:screenshots [-- surface ...] (e.g. `-- after`; all of them without one)
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/helpers/browser.js';
import { REPO_ROOT } from '../test/helpers/service.js';
import {
  PEOPLE,
  fillDemoRecord,
  openSurface,
  recordCommand,
  signedInContext,
  startTabService,
} from '../test/helpers/tab.js';
import type { Surface, TabService, Theme } from '../test/helpers/tab.js';

const OUT = path.join(REPO_ROOT, 'docs', 'tab');
interface Size {
  width: number;
  height: number;
}
type Shot = Exclude<Surface, 'config' | 'prompt'>;
const SIZES: Record<Shot, Size> = {
  'side-panel': { width: 320, height: 800 },
  stage: { width: 1280, height: 800 },
  personal: { width: 1024, height: 700 },
  // Tall enough for the whole page: Chromium leaves a framed document below the viewport unpainted.
  after: { width: 1024, height: 2900 },
};
const wanted = process.argv.slice(2);
const shoot = (surface: Shot): boolean => wanted.length === 0 || wanted.includes(surface);

/**
 * The demo conference after its decision: a part restricted from Robin with one worry in it, the
 * decision with the health visitor and the teacher in the core group, the letter approved (Kit has no
 * email address, so it goes to him by hand) and times offered for the first core group meeting.
 */
async function decideAndSend(service: TabService): Promise<void> {
  const chair = (c: object) => recordCommand(service, PEOPLE.chair, c);
  const view = await service.api<{ people: { id: string; name: string }[] }>(
    PEOPLE.chair,
    'GET',
    `/api/conferences/${service.conferenceId}/record?view=chair`,
  );
  const robin = view.people.find((p) => p.name.startsWith('Robin'));
  const coreGroup = view.people
    .filter((p) => p.name.startsWith('Hana') || p.name.startsWith('Theo'))
    .map((p) => p.id);
  await chair({
    type: 'restricted.start',
    reason: 'Police information',
    excludedPersonIds: robin ? [robin.id] : [],
  });
  await chair({
    type: 'grid.add',
    column: 'worries',
    text: 'Police are looking into a report from October.',
  });
  await chair({ type: 'restricted.end' });
  await chair({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: coreGroup,
    dissent: [],
  });
  await service.api(PEOPLE.chair, 'POST', `/api/conferences/${service.conferenceId}/letter/approve`, {
    withheld: [],
  });
  await service.api(PEOPLE.chair, 'POST', `/api/conferences/${service.conferenceId}/core-group/meetings`, {});
}
/** The side panel's sections opened for its screenshot (Agenda is open from the start). */
const OPEN_SECTIONS = ['Grid'];

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const service = await startTabService();
  const browser = await launchChromium();
  try {
    await fillDemoRecord(service);
    const take = async (surface: Shot, theme: Theme): Promise<void> => {
      // The personal tab as the lead social worker, who has a report due and a plan action.
      const who = surface === 'personal' ? PEOPLE.socialWorker : PEOPLE.chair;
      const context = await signedInContext(browser, service, who, SIZES[surface]);
      const page = await openSurface(context, service, surface, theme);
      if (surface === 'side-panel')
        for (const title of OPEN_SECTIONS)
          await page.getByRole('button', { name: title, exact: true }).click();
      if (surface === 'after') {
        await page.locator('iframe[title="The draft minutes"]').waitFor();
        await page.getByRole('list', { name: 'Times offered for meeting 1' }).waitFor();
      }
      // Let the accordion's animation and the fonts settle.
      await page.waitForTimeout(400);
      const file = path.join(OUT, `${surface}-${theme === 'default' ? 'light' : theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      await context.close();
    };
    const during: Shot[] = ['side-panel', 'stage', 'personal'];
    for (const theme of ['default', 'dark'] as Theme[])
      for (const surface of during.filter(shoot)) await take(surface, theme);
    if (shoot('after')) {
      await decideAndSend(service);
      for (const theme of ['default', 'dark'] as Theme[]) await take('after', theme);
    }
  } finally {
    await browser.close();
    await service.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

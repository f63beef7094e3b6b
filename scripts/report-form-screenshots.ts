/**
 * Screenshots of the report form for people without Teams, in headless Chromium, written to
 * docs/reports/: the form as a GP opens it, the form after saving text with jargon (the plain-language
 * advice), and the page a link shows once it no longer works.
 *
 *   npm run report-form:screenshots
 *
 * Starts the service on a temporary data directory with the fictional demo conference.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { blockNonLocalRequests, launchChromium } from '../test/helpers/browser.js';
import { startService } from '../test/helpers/service.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs', 'reports');
const JARGON =
  'The LAC review and the CIN plan were discussed at the TAC meeting, and s47 enquiries found the threshold was met, so a PLO letter may follow if the safety plan is not kept by both parents over the coming weeks and months ahead.';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const service = await startService({ env: { DEMO_DATA: 'true', JOBS: 'false' } });
  const browser = await launchChromium();
  try {
    const api = async (pathname: string, body?: unknown) => {
      const res = await fetch(`${service.url}${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${pathname} answered ${res.status}: ${await res.text()}`);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (await res.json()) as any;
    };
    const list = await api('/api/conferences');
    const id = list.items[0].id as string;
    const conference = await api(`/api/conferences/${id}`);
    const gp = conference.invitees.find((i: { name: string }) => i.name.startsWith('Dr Gale')).id as string;
    const link = await api(`/api/conferences/${id}/report-links`, { inviteeId: gp });

    const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
    await blockNonLocalRequests(page);
    await page.goto(link.url);
    await page.screenshot({ path: path.join(OUT, 'external-form.png'), fullPage: false });
    console.log('docs/reports/external-form.png');

    await page.fill('textarea[name="worries.harm"]', JARGON);
    await page.fill('input[name="agency.name"]', 'Example Surgery');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save draft")')]);
    await page.screenshot({ path: path.join(OUT, 'external-form-advice.png'), fullPage: false });
    console.log('docs/reports/external-form-advice.png');

    await api(`/api/conferences/${id}/report-links/${link.id as string}/revoke`, { revokedBy: 'Demo' });
    await page.goto(link.url);
    await page.setViewportSize({ width: 900, height: 400 });
    await page.screenshot({ path: path.join(OUT, 'link-expired.png') });
    console.log('docs/reports/link-expired.png');
  } finally {
    await browser.close();
    await service.stop();
  }
}

await main();

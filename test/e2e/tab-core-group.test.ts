/**
 * The core group on the page after the conference, through the real tab and the real service: the lead
 * social worker sees who is in it and the plan's action, offers times for the first meeting, sees a
 * member's answer counted, fixes a time after a confirmation step, cancels the meeting with a reason, and
 * marks a later one held; the text report for the review conference opens in the page; a manager reads
 * the section without any control, and the minute-taker (whose part does not include it) is told so.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cardAction } from '../fakes/activities.js';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { PEOPLE, openSurface, recordCommand, signedInContext, startTabService } from '../helpers/tab.js';
import type { TabService } from '../helpers/tab.js';

interface Meeting {
  id: string;
  number: number;
  status: string;
  startsAt: string | null;
  offeredSlots: { start: string; label: string; canCome: number }[];
  answered: number;
  cancelledReason: string | null;
}
interface Group {
  members: { name: string; required: boolean }[];
  meetings: Meeting[];
  progress: { actions: { what: string }[] };
}

/** Today as the page writes dates (tabs/src/shell.tsx formatDate), from the browser's own formatter. */
const TODAY_IN_PAGE = `new Date().toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })`;
const inAMonth = (): string => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const ACTION = 'Hana weighs Wren at home every two weeks';
const REASON = 'Robin asked to move it: Wren has a hospital appointment <that morning>.';
/** A manager (read-only oversight) and the demo conference's minute-taker, both fictional. */
const MANAGER = '00000000-0000-4000-8000-000000002099';
const MINUTE_TAKER = '00000000-0000-4000-8000-000000002006';
const ARRANGING =
  /^(Offer times for the (first|next) meeting|Fix this time.*|Cancel this meeting|Mark held)$/;

retryOnceOnCi();

describe('the tab after the conference: the core group', () => {
  let service: TabService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const base = () => `/api/conferences/${service.conferenceId}/core-group`;
  const group = () => service.api<Group>(PEOPLE.socialWorker, 'GET', base());
  const section = () => page.getByRole('region', { name: 'Core group' });
  const said = (text: RegExp) => page.getByRole('status').getByText(text).waitFor();

  /** The demo conference decides on a child protection plan with the health visitor and the teacher. */
  async function decide(): Promise<void> {
    const chair = (c: object) => recordCommand(service, PEOPLE.chair, c);
    const view = (
      await chair({
        type: 'plan.add',
        what: ACTION,
        who: 'Hana Healthvisitor (fictional)',
        byWhen: inAMonth(),
        howWeWillKnow: 'The weights are in the red book and the health record',
      })
    ).view as { people: { id: string; name: string }[] };
    const idOf = (prefix: string) => view.people.find((p) => p.name.startsWith(prefix))!.id;
    await chair({
      type: 'decision.record',
      outcome: 'child-protection-plan',
      category: 'neglect',
      coreGroupPersonIds: [idOf('Hana Healthvisitor'), idOf('Theo Teacher')],
      dissent: [],
    });
  }

  beforeAll(async () => {
    service = await startTabService({ env: { MANAGER_IDS: MANAGER } });
    browser = await launchChromium();
    await decide();
    context = await signedInContext(browser, service, PEOPLE.socialWorker);
    page = await openSurface(context, service, 'after');
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop();
  }, 30_000);

  test('the lead social worker sees the members and the plan’s action, then offers times for the first meeting', async () => {
    const members = section().getByRole('list', { name: 'Core group members' });
    const lead = members.getByRole('listitem').filter({ hasText: 'Sam Socialworker' });
    await lead.getByText('Required', { exact: true }).waitFor();
    await members.getByText(/^Hana Healthvisitor/).waitFor();
    await members.getByText(/^Theo Teacher/).waitFor();
    expect(await members.getByText('Required', { exact: true }).count()).toBe(1);
    const progress = section().getByRole('list', { name: 'Progress on the plan’s actions' });
    const action = progress.getByRole('listitem').filter({ hasText: ACTION });
    await action.getByText('No update yet').waitFor();
    await section().getByText('No core group meeting has been arranged yet.').waitFor();

    await section().getByRole('button', { name: 'Offer times for the first meeting' }).click();
    await said(/^Times for meeting 1 are offered/);
    const [meeting] = (await group()).meetings;
    expect(meeting).toMatchObject({ number: 1, status: 'proposed', answered: 0 });
    expect(meeting!.offeredSlots.length).toBeGreaterThan(0);

    const card = section().locator('[data-meeting="1"]');
    await card.getByText('Times offered, not yet fixed').waitFor();
    await card.getByText('0 of 3 members have answered.').waitFor();
    const times = card.getByRole('list', { name: 'Times offered for meeting 1' }).getByRole('listitem');
    expect(await times.count()).toBe(meeting!.offeredSlots.length);
    await times.first().getByText(meeting!.offeredSlots[0]!.label).waitFor();
    await times.first().getByText('0 can come').waitFor();
    // Only one meeting is arranged at a time.
    expect(
      await section()
        .getByRole('button', { name: /^Offer times/ })
        .count(),
    ).toBe(0);
  });

  test('a member’s answer on the scheduling card is counted against the time', async () => {
    const [meeting] = (await group()).meetings;
    const slot = meeting!.offeredSlots[1] ?? meeting!.offeredSlots[0]!;
    const hv = { id: '29:fictional-hv', aadObjectId: PEOPLE.healthVisitor, name: 'Hana Healthvisitor' };
    const index = meeting!.offeredSlots.indexOf(slot);
    const res = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        cardAction('http://127.0.0.1:9/', hv, 'coreGroup.slots.answer', {
          conferenceId: service.conferenceId,
          meetingId: meeting!.id,
          [`slot-${index}`]: 'true',
        }),
      ),
    });
    expect(res.status).toBe(200);
    expect((await group()).meetings[0]).toMatchObject({ answered: 1 });

    await page.reload();
    const card = section().locator('[data-meeting="1"]');
    await card.getByText('1 of 3 members have answered.').waitFor();
    const answered = card.locator(`[data-slot="${slot.start}"]`);
    await answered.getByText('1 can come').waitFor();
  });

  test('fixing a time asks first, then the meeting is arranged for that time', async () => {
    const [meeting] = (await group()).meetings;
    const slot = meeting!.offeredSlots.at(-1)!;
    const card = section().locator('[data-meeting="1"]');
    await card.getByRole('button', { name: `Fix this time: ${slot.label}` }).click();
    await card.getByText(`Fix meeting 1 for ${slot.label}?`).waitFor();
    // Nothing is fixed before the confirmation.
    expect((await group()).meetings[0]!.status).toBe('proposed');
    await card.getByRole('button', { name: 'Yes, fix this time' }).click();
    await said(/^Meeting 1 is fixed for /);
    await card.getByText(`Fixed for ${slot.label}.`).waitFor();
    await card.getByText('Arranged', { exact: true }).waitFor();
    const fixed = (await group()).meetings[0]!;
    expect(fixed.status).toBe('scheduled');
    expect(new Date(fixed.startsAt!).getTime()).toBe(new Date(slot.start).getTime());
    // Its time has not come: it cannot be marked held yet.
    expect(await card.getByRole('button', { name: 'Mark held' }).count()).toBe(0);
  });

  test('cancelling needs a reason and a confirmation; the reason is shown and stored', async () => {
    const card = section().locator('[data-meeting="1"]');
    await card.getByRole('button', { name: 'Cancel this meeting' }).click();
    await card.getByRole('button', { name: 'Cancel the meeting' }).click();
    await card.getByText('Say why the meeting is cancelled.').waitFor();
    await card.getByLabel(/^Why the meeting is cancelled/).fill(REASON);
    await card.getByRole('button', { name: 'Cancel the meeting' }).click();
    await card.getByText('Cancel meeting 1?').waitFor();
    expect((await group()).meetings[0]!.status).toBe('scheduled');
    await card.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
    await said(/^Meeting 1 was cancelled/);
    const today = (await page.evaluate(TODAY_IN_PAGE)) as string;
    await card.getByText(`Cancelled ${today}: ${REASON}`).waitFor();
    expect((await group()).meetings[0]).toMatchObject({ status: 'cancelled', cancelledReason: REASON });
    expect(await card.getByRole('button').count()).toBe(0);
  });

  test('a meeting whose time has come is marked held, and the answer says what follows', async () => {
    await section().getByRole('button', { name: 'Offer times for the first meeting' }).click();
    await said(/^Times for meeting 2 are offered/);
    const second = (await group()).meetings.find((m) => m.number === 2)!;
    // Fixed by hand for a moment from now (the chair arranged it by phone), so its time comes in the test.
    const start = new Date(Date.now() + 8_000).toISOString();
    await service.api(PEOPLE.socialWorker, 'POST', `${base()}/meetings/${second.id}/schedule`, { start });
    await page.reload();
    const card = section().locator('[data-meeting="2"]');
    await card.getByText('Arranged', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Mark held' }).count()).toBe(0);
    // The open page offers it once the time has come, without a reload.
    await card.getByRole('button', { name: 'Mark held' }).click({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Yes, it was held' }).click();
    await said(
      /^Meeting 2 is marked held\. (Times for meeting 3 are offered|Times for the next meeting could not be offered: .+)/,
    );
    await card.getByText('Held', { exact: true }).waitFor();
    const after = (await group()).meetings;
    expect(after.find((m) => m.number === 2)!.status).toBe('held');
    const third = after.find((m) => m.number === 3);
    const status = await page.getByRole('status').innerText();
    expect(status.includes('Times for meeting 3 are offered')).toBe(third?.status === 'proposed');
  });

  test('the text report opens in the page with the plan’s action, and can be saved', async () => {
    await section().getByRole('button', { name: 'Show the text report' }).click();
    const report = section().getByLabel('The core group progress report as text');
    await report.waitFor();
    const text = await report.innerText();
    expect(text).toMatch(/^Core group progress report\n/);
    expect(text).toContain(ACTION);
    const save = section().getByRole('link', { name: 'Save the text report as a file' });
    expect(await save.getAttribute('href')).toMatch(/^blob:/);
    expect(await save.getAttribute('download')).toBe('core-group-progress-report.txt');
  });

  test('a manager reads the members, meetings and progress without any control; the minute-taker is told it is not theirs', async () => {
    const managerContext = await signedInContext(browser, service, MANAGER);
    try {
      const manager = await openSurface(managerContext, service, 'after');
      const region = manager.getByRole('region', { name: 'Core group' });
      await region
        .locator('[data-meeting="1"]')
        .getByText(`Cancelled ${(await manager.evaluate(TODAY_IN_PAGE)) as string}: ${REASON}`)
        .waitFor();
      await region
        .getByRole('list', { name: 'Core group members' })
        .getByText(/^Hana Healthvisitor/)
        .waitFor();
      await region.getByRole('list', { name: 'Progress on the plan’s actions' }).getByText(ACTION).waitFor();
      expect(await region.getByRole('button', { name: ARRANGING }).count()).toBe(0);
      // Reading the report is the only control.
      expect(await region.getByRole('button').allInnerTexts()).toEqual(['Show the text report']);
    } finally {
      await managerContext.close();
    }
    const minutesContext = await signedInContext(browser, service, MINUTE_TAKER);
    try {
      const minutes = await openSurface(minutesContext, service, 'after');
      const region = minutes.getByRole('region', { name: 'Core group' });
      await region.getByText('Your part in this conference does not include the core group.').waitFor();
      expect(await region.getByRole('alert').count()).toBe(0);
      expect(await region.getByRole('button').count()).toBe(0);
    } finally {
      await minutesContext.close();
    }
  });
});

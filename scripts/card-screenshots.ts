/**
 * Renders every invitation, readiness and reminder card state, the report dialog and My reports with the Adaptive Cards JavaScript
 * renderer and Teams' light host config in headless Chromium, and writes PNGs to docs/cards/.
 *
 *   npx tsx scripts/card-screenshots.ts [name …]   (only the named cards, e.g. report-reminder)
 *
 * Teams' host config ships in adaptivecards-designer, which is not a dependency: its peers want
 * adaptivecards 2.x and monaco-editor. The script takes the two files it needs from that package's
 * tarball (`npm pack`, cached under node_modules/.cache) unless the package is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assessQuorum } from '../bot/domain/quorum.js';
import type { RsvpAnswer } from '../bot/domain/rsvp.js';
import { plainLanguageOf } from '../bot/domain/reports/report.js';
import type { ReportContent } from '../bot/domain/reports/template.js';
import { invitationCardData, renderInvitation } from '../cards/invitation.js';
import { renderMyReports } from '../cards/my-reports.js';
import { contentToValues, renderReportForm } from '../cards/report-form.js';
import type { ReportFormData } from '../cards/report-form.js';
import type { InvitationCardState } from '../cards/invitation.js';
import { readinessCardData, renderReadiness } from '../cards/readiness.js';
import type { AdaptiveCard } from '../cards/render.js';
import { quorumWarningData, renderQuorumWarning, renderReminder } from '../cards/reminder.js';
import { renderReportLate, renderReportReadiness, renderReportReminder } from '../cards/report-chase.js';
import { blockNonLocalRequests, launchChromium } from '../test/helpers/browser.js';
import { buildConference, buildInvitations } from '../test/fakes/fixtures.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs', 'cards');
const DESIGNER = 'adaptivecards-designer@2.4.4';
const HOST_CONFIG = 'lib/hostConfigs/microsoft-teams-light.json';
const TEAMS_CSS = 'dist/containers/teams-container-light.css';

/** The designer's files: from node_modules when installed, else from its npm tarball (cached). */
function designerFile(rel: string): string {
  const installed = path.join(ROOT, 'node_modules', 'adaptivecards-designer', rel);
  if (existsSync(installed)) return readFileSync(installed, 'utf8');
  const cache = path.join(ROOT, 'node_modules', '.cache', 'card-screenshots');
  const cached = path.join(cache, 'package', rel);
  if (!existsSync(cached)) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', DESIGNER, '--silent', '--pack-destination', cache], {
      encoding: 'utf8',
    });
    execFileSync('tar', [
      '-xzf',
      path.join(cache, tgz.trim()),
      '-C',
      cache,
      `package/${HOST_CONFIG}`,
      `package/${TEAMS_CSS}`,
    ]);
  }
  return readFileSync(cached, 'utf8');
}

const DUE = {
  date: 'Tue 3 Mar 2026',
  sentence: 'Your report is due Tue 3 Mar 2026 (2 working days before the conference)',
};

/** A fictional health visitor's report in progress, with some jargon for the plain-language check. */
const REPORT: ReportContent = {
  agency: {
    name: 'Northshire Community Health',
    contactWithChild:
      'I have visited the family at home every two weeks since June, and saw the baby at clinic twice.',
  },
  workingWell: {
    strengths: 'The baby is gaining weight and is attached to both parents. Mum asks for advice and uses it.',
    protectiveFactors: 'A grandparent visits most days and helps with night feeds.',
  },
  worries: {
    harm: 'Three health checks were missed. The CIN plan was not followed after the move, and there was no LADO referral.',
    risks:
      'If checks keep being missed, problems with the baby’s growth may not be seen in time. There are signs of disguised compliance.',
  },
  child: {
    livedExperience: 'Mornings at home are calm; evenings are busy when the older child comes home.',
    obtainedBy: ['spoke-with-child'],
  },
  recommendations: [
    {
      what: 'Weekly home visits until the baby’s weight is steady',
      who: 'Health visitor',
      byWhen: 'Within 4 weeks',
    },
  ],
  safetyScale: { score: 6 },
};

function reportForm(extra: Partial<ReportFormData> = {}): AdaptiveCard {
  return renderReportForm({
    conferenceId: '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f',
    invitationId: '9e2d3f5b-0000-4000-8000-000000000002',
    reference: 'RT-2026-0042',
    conferenceKind: 'initial',
    when: 'Thursday 5 March 2026, 10:00 to 12:00',
    childInitials: ['PS', 'KS'],
    reportKind: 'agency',
    dueSentence: DUE.sentence,
    status: 'draft',
    late: false,
    amendUntil: 'Thu 5 Mar 2026, 10:00',
    savedAt: 'Mon 2 Mar 2026, 16:40',
    values: contentToValues(REPORT),
    ...extra,
  });
}

function cards(): { name: string; card: AdaptiveCard; open?: string; maxHeight?: number }[] {
  const c = buildConference();
  const invitee = c.invitees[1]!;
  const invitation = (answer: RsvpAnswer | null, state?: InvitationCardState) =>
    renderInvitation(invitationCardData(c, invitee, buildInvitations(c, [null, answer])[1]!, DUE, state));
  const answers: (RsvpAnswer | null)[] = ['attending-in-person', 'sending-deputy', null, 'report-only', null];
  const invitations = buildInvitations(c, answers);
  const atRisk = assessQuorum(c, invitations);
  const inquorate = assessQuorum(
    c,
    buildInvitations(c, ['attending-in-person', 'report-only', 'report-only', null, 'report-only']),
  );
  return [
    { name: 'invitation-unanswered', card: invitation(null) },
    { name: 'invitation-deputy-form', card: invitation(null), open: 'I will send a colleague' },
    { name: 'invitation-answered', card: invitation('attending-virtually') },
    { name: 'invitation-answered-deputy', card: invitation('sending-deputy') },
    { name: 'invitation-answered-report-only', card: invitation('report-only') },
    { name: 'invitation-changing', card: invitation('report-only', 'changing') },
    { name: 'invitation-moved', card: invitation('attending-virtually', 'moved') },
    { name: 'invitation-cancelled', card: invitation('attending-virtually', 'cancelled') },
    { name: 'readiness', card: renderReadiness(readinessCardData(c, invitations, atRisk, true)) },
    {
      name: 'readiness-not-sent',
      card: renderReadiness(readinessCardData(c, [], assessQuorum(c, []), false)),
    },
    {
      name: 'reminder',
      card: renderReminder(invitationCardData(c, invitee, buildInvitations(c, [])[1]!, DUE)),
    },
    { name: 'quorum-warning', card: renderQuorumWarning(quorumWarningData(c, atRisk)!) },
    { name: 'quorum-warning-inquorate', card: renderQuorumWarning(quorumWarningData(c, inquorate)!) },
    { name: 'report-dialog', card: reportForm() },
    {
      name: 'report-dialog-advice',
      card: reportForm({ advice: plainLanguageOf(REPORT) }),
      maxHeight: 900,
    },
    {
      name: 'my-reports',
      card: renderMyReports([
        {
          conferenceId: '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f',
          invitationId: '9e2d3f5b-0000-4000-8000-000000000002',
          reference: 'RT-2026-0042',
          kind: 'initial',
          scheduledStart: '2026-03-05T10:00',
          durationMinutes: 120,
          due: 'Tue 3 Mar 2026',
          status: 'draft',
        },
        {
          conferenceId: '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e60',
          invitationId: '9e2d3f5b-0000-4000-8000-000000000003',
          reference: 'RT-2026-0017',
          kind: 'review',
          scheduledStart: '2026-02-20T14:00',
          durationMinutes: 90,
          due: 'Tue 17 Feb 2026',
          status: 'submitted',
        },
      ]),
    },
    ...reportCards(c),
  ];
}

/** The report chase: the writer's reminder, the chair's late notice and readiness decision. */
function reportCards(c: ReturnType<typeof buildConference>): { name: string; card: AdaptiveCard }[] {
  const conference = {
    conferenceId: c.id,
    reference: c.reference,
    kind: c.kind,
    scheduledStart: c.scheduledStart,
    durationMinutes: c.durationMinutes,
  };
  const initials = ['PS', 'KS'];
  return [
    {
      name: 'report-reminder',
      card: renderReportReminder({
        ...conference,
        invitationId: '00000000-0000-4000-8000-000000000099',
        role: 'Health visitor',
        childInitials: initials,
        dueLabel: DUE.date,
        dueRule: '2 working days before the conference',
        draftSaved: true,
      }),
    },
    {
      name: 'report-late',
      card: renderReportLate({
        ...conference,
        dueLabel: DUE.date,
        late: [
          { what: 'Health visitor (Example Community Health)', draftSaved: true, managerTold: true },
          { what: 'Police officer (Example Police)', draftSaved: false, managerTold: false },
        ],
      }),
    },
    {
      name: 'readiness-decision',
      card: renderReportReadiness({
        ...conference,
        childInitials: initials,
        readingDeadline:
          'Chair’s reading of all reports due Wed 4 Mar 2026, 10:00 (at least 24 hours before the conference starts)',
        missing: ['Police officer (Example Police)'],
        late: ['Hana Healthvisitor (fictional), Health visitor (Example Community Health)'],
        notSharedInTime: ['Hana Healthvisitor (fictional), Health visitor (Example Community Health)'],
        unread: ['Theo Teacher (fictional), Designated safeguarding lead (Example Primary School)'],
        quorum: {
          state: 'at-risk',
          summary: 'Quorum is at risk: no one from the police is attending yet.',
        },
        decisionNeeded: true,
        ready: false,
        timescale: 'Initial conference due Fri 13 Mar 2026 (15 working days after the strategy discussion)',
        dateMin: '2026-03-05',
        decision: null,
      }),
    },
  ];
}

/** The page: renderer + host config; `**bold**` handled by a tiny markdown hook as Teams would. */
function page(hostConfig: string, css: string): string {
  const renderer = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const acCss = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${acCss}${css}
    body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', system-ui, sans-serif; }
    #frame { width: 520px; background: white; padding: 16px; border-radius: 4px; }
    /* Teams draws the show-card chevron with an icon font Chromium lacks here; use plain arrows. */
    .ac-pushButton.expandable:after { font-family: inherit; font-size: 12px; content: ' \\25BE'; }
    .ac-pushButton.expandable.expanded:after { content: ' \\25B4'; }
  </style><script>${renderer}</script></head><body><div id="frame" class="teams-card"></div><script>
    const hostConfig = new AdaptiveCards.HostConfig(${hostConfig});
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const esc = text.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]);
      // Bold, then backslash escapes (CommonMark): escaped typed text shows as its own characters.
      result.outputHtml = esc
        .replace(/(^|[^\\\\])\\*\\*(.+?)(?<!\\\\)\\*\\*/g, '$1<strong>$2</strong>')
        .replace(/\\\\([!-\\/:-@[-\`{-~])/g, '$1');
      result.didProcess = true;
    };
    window.renderCard = (json) => {
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.parse(json);
      const frame = document.getElementById('frame');
      frame.replaceChildren(card.render());
    };
  </script></body></html>`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const html = page(designerFile(HOST_CONFIG), designerFile(TEAMS_CSS));
  const browser = await launchChromium();
  try {
    const p = await browser.newPage({ viewport: { width: 600, height: 800 }, deviceScaleFactor: 1.5 });
    await blockNonLocalRequests(p);
    await p.setContent(html);
    const only = process.argv.slice(2);
    for (const { name, card, open, maxHeight } of cards().filter(
      (x) => only.length === 0 || only.includes(x.name),
    )) {
      await p.evaluate(
        (json) => (globalThis as unknown as { renderCard(j: unknown): void }).renderCard(json),
        card,
      );
      if (open) await p.getByRole('button', { name: open }).click();
      const file = path.join(OUT, `${name}.png`);
      const frame = p.locator('#frame');
      const box = maxHeight ? await frame.boundingBox() : null;
      if (box)
        // The top of a long card (the dialog's advice sits above the form).
        await p.screenshot({
          path: file,
          fullPage: true,
          clip: { ...box, height: Math.min(box.height, maxHeight ?? box.height) },
        });
      else await frame.screenshot({ path: file });
      console.log(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    await browser.close();
  }
}

await main();

/**
 * Renders every invitation, readiness and reminder card state with the Adaptive Cards JavaScript
 * renderer and Teams' light host config in headless Chromium, and writes PNGs to docs/cards/.
 *
 *   npx tsx scripts/card-screenshots.ts
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
import { invitationCardData, renderInvitation } from '../cards/invitation.js';
import type { InvitationCardState } from '../cards/invitation.js';
import { readinessCardData, renderReadiness } from '../cards/readiness.js';
import type { AdaptiveCard } from '../cards/render.js';
import { quorumWarningData, renderQuorumWarning, renderReminder } from '../cards/reminder.js';
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

function cards(): { name: string; card: AdaptiveCard; open?: string }[] {
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
      result.outputHtml = esc.replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>');
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
    for (const { name, card, open } of cards()) {
      await p.evaluate(
        (json) => (globalThis as unknown as { renderCard(j: unknown): void }).renderCard(json),
        card,
      );
      if (open) await p.getByRole('button', { name: open }).click();
      const file = path.join(OUT, `${name}.png`);
      await p.locator('#frame').screenshot({ path: file });
      console.log(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    await browser.close();
  }
}

await main();

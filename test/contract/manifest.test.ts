/**
 * The Teams app manifest and package: the schema validator itself, the filled template, the settings
 * rules, and `npm run package` run as a child process the way an admin would run it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { loadConfig } from '../../bot/config.js';
import {
  LOCAL_APP_ID,
  ManifestError,
  fillTemplate,
  packageSettings,
  readTemplate,
  schemaProblems,
  type Manifest,
  type SecondOpinion,
} from '../../manifest/app-manifest.js';
import { CONTRACTS_DIR, manifestProblems } from '../helpers/contracts.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

const APP_ID = '3f2a6d7e-1c4b-4e8a-9b1d-5a6c7e8f9012'; // fictional
const PUBLIC_URL = 'https://roundtable.example.org';
const realEnv = {
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: 'fictional-secret',
  MICROSOFT_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555',
  REPORT_LINK_SECRET: 'a-fictional-report-link-secret-of-48-characters!',
  PUBLIC_URL,
};
const RSC = {
  'OnlineMeetingNotification.Send.Chat': 'Application',
  'OnlineMeetingParticipant.Read.Chat': 'Application',
  'OnlineMeeting.ReadBasic.Chat': 'Application',
  'MeetingStage.Write.Chat': 'Delegated',
};

const fixture = (name: string): Manifest =>
  JSON.parse(readFileSync(path.join(CONTRACTS_DIR, 'fixtures', 'teams-manifest', name), 'utf8')) as Manifest;

interface Tab {
  entityId?: string;
  contentUrl?: string;
  websiteUrl?: string;
  configurationUrl?: string;
  context?: string[];
  scopes: string[];
}
interface Shape {
  id: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
  staticTabs: Tab[];
  configurableTabs: Tab[];
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  meetingExtensionDefinition: { supportsCustomShareToStage: boolean };
  devicePermissions?: string[];
  name: { short: string; full: string };
}
const shape = (m: Manifest) => m as unknown as Shape;

const onValidDomain = (url: string, domains: string[]): boolean => {
  const host = new URL(url).host;
  return domains.some((d) => (d.startsWith('*.') ? host.endsWith(d.slice(1)) : host === d));
};

/** Every URL the manifest asks Teams to load: tab pages, plus the SSO resource. */
const manifestUrls = (m: Shape): string[] =>
  [
    ...m.staticTabs.flatMap((t) => [t.contentUrl, t.websiteUrl]),
    ...m.configurableTabs.map((t) => t.configurationUrl),
    m.webApplicationInfo.resource,
  ].filter((u): u is string => u !== undefined);

describe('Teams manifest v1.30 validator', () => {
  it('accepts the valid fixture', () => {
    expect(manifestProblems(fixture('valid-manifest-v1.30.json'))).toEqual([]);
  });

  it('rejects the invalid fixture with each of its four errors', () => {
    const problems = manifestProblems(fixture('invalid-manifest-v1.30.json'));
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/\/manifestVersion .*constant/);
    expect(problems.join('\n')).toMatch(/\/id must match pattern/);
    expect(problems.join('\n')).toMatch(/\/accentColor must match pattern/);
    expect(problems.join('\n')).toMatch(/\/bots\/0 .*unknownFlag/);
  });

  it('the packager’s own check lists every error too', () => {
    expect(schemaProblems(fixture('valid-manifest-v1.30.json'))).toEqual([]);
    expect(schemaProblems(fixture('invalid-manifest-v1.30.json'))).toHaveLength(4);
  });

  it('so does Microsoft’s validator, run the way the packager runs it (outside Jest)', async () => {
    // @microsoft/app-manifest needs Node's require(esm), which Jest's loader lacks: ask a tsx child.
    const code = `
      import { readFileSync } from 'node:fs';
      import { microsoftSchemaProblems } from './manifest/app-manifest.ts';
      const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
      Promise.all(process.argv.slice(1).map((f) => microsoftSchemaProblems(read(f))))
        .then((r) => console.log(JSON.stringify(r)));`;
    const files = ['valid-manifest-v1.30.json', 'invalid-manifest-v1.30.json'].map((f) =>
      path.join(CONTRACTS_DIR, 'fixtures', 'teams-manifest', f),
    );
    const { stdout } = await run(TSX, ['-e', code, ...files]);
    const [valid, invalid] = JSON.parse(stdout) as SecondOpinion[];
    expect(valid).toEqual({ ran: true, problems: [] });
    expect(invalid).toMatchObject({
      ran: true,
      problems: expect.arrayContaining([expect.stringMatching(/unknownFlag/)]),
    });
    expect(invalid!.ran && invalid!.problems).toHaveLength(4);
  });
});

describe('the filled template (fictional app id, https://roundtable.example.org)', () => {
  const settings = packageSettings(loadConfig(realEnv));
  const manifest = fillTemplate(readTemplate(), settings);
  const m = shape(manifest);

  it('validates against the v1.30 schema', () => {
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest).toMatchObject({ manifestVersion: '1.30', version: '0.1.0' });
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('uses the bot’s app id as the app id, the bot id and the SSO id', () => {
    expect(m.id).toBe(APP_ID);
    expect(m.bots.map((b) => b.botId)).toEqual([APP_ID]);
    expect(m.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://roundtable.example.org/${APP_ID}` });
  });

  it('puts every tab URL and the SSO resource on a valid domain', () => {
    expect(m.validDomains).toEqual(['roundtable.example.org']);
    const urls = manifestUrls(m);
    expect(urls).toEqual([
      `${PUBLIC_URL}/tab/personal`,
      `${PUBLIC_URL}/tab/config`,
      `api://roundtable.example.org/${APP_ID}`,
    ]);
    for (const url of urls) expect([url, onValidDomain(url, m.validDomains)]).toEqual([url, true]);
  });

  it('asks for the four meeting RSC permissions, and no device permissions', () => {
    const granted = Object.fromEntries(
      m.authorization.permissions.resourceSpecific.map((p) => [p.name, p.type]),
    );
    expect(granted).toEqual(RSC);
    expect(m.devicePermissions ?? []).toEqual([]);
  });

  it('offers the bot everywhere, but "my conferences" and "my reports" only in personal chat', () => {
    expect(m.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = Object.fromEntries(
      m.bots[0]!.commandLists.flatMap((l) => l.scopes.map((s) => [s, l.commands.map((c) => c.title)])),
    );
    // A personal list of conferences must not be posted into a shared chat (data minimisation).
    expect(commands).toEqual({
      personal: ['help', 'my conferences', 'my reports'],
      groupChat: ['help'],
      team: ['help'],
    });
  });

  it('has the meeting tab in all four meeting surfaces, custom share to stage, and the personal tab', () => {
    expect(m.configurableTabs).toHaveLength(1);
    expect(m.configurableTabs[0]!.scopes.sort()).toEqual(['groupChat', 'team']);
    expect(m.configurableTabs[0]!.context!.sort()).toEqual(
      ['meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage'].sort(),
    );
    expect(m.meetingExtensionDefinition.supportsCustomShareToStage).toBe(true);
    expect(m.staticTabs[0]).toMatchObject({ name: 'My conferences', scopes: ['personal'] });
    expect(m.name).toEqual({ short: 'Roundtable', full: 'Roundtable: child protection conferences' });
  });
});

describe('package settings', () => {
  const config = (env: Record<string, string>) => loadConfig(env);

  it('without app id or PUBLIC_URL: a labelled local-development manifest on http://localhost', () => {
    const settings = packageSettings(config({}));
    expect(settings).toMatchObject({
      appId: LOCAL_APP_ID,
      baseUrl: 'http://localhost:3978',
      host: 'localhost:3978',
      localDevelopment: true,
    });
    const manifest = fillTemplate(readTemplate(), settings);
    expect(manifestProblems(manifest)).toEqual([]);
    expect(shape(manifest).name.short).toBe('Roundtable (local dev)');
    expect(JSON.stringify(manifest.description)).toContain('LOCAL DEVELOPMENT');
  });

  it.each([
    ['an app id but no PUBLIC_URL', { ...realEnv, PUBLIC_URL: '' }, /PUBLIC_URL must be the public https/],
    ['an http PUBLIC_URL', { ...realEnv, PUBLIC_URL: 'http://roundtable.example.org' }, /https/],
    ['PUBLIC_URL but no app id', { PUBLIC_URL }, /MICROSOFT_APP_ID is not set/],
  ])('refuses %s', (_, env, message) => {
    expect(() => packageSettings(config(env))).toThrow(ManifestError);
    expect(() => packageSettings(config(env))).toThrow(message);
  });
});

interface Png {
  width: number;
  height: number;
  colorType: number;
  rgba?: Buffer;
}

/** Reads the IHDR and, for 8-bit RGBA with filter 0 rows (what make-icons writes), the pixels. */
function readPng(bytes: Uint8Array): Png {
  const b = Buffer.from(bytes);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  const png: Png = { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]! };
  const idat: Buffer[] = [];
  for (let o = 8; o < b.length;) {
    const length = b.readUInt32BE(o);
    if (b.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(b.subarray(o + 8, o + 8 + length));
    o += 12 + length;
  }
  if (b[24] === 8 && png.colorType === 6) {
    const raw = inflateSync(Buffer.concat(idat));
    const stride = png.width * 4;
    png.rgba = Buffer.concat(
      Array.from({ length: png.height }, (_, y) => {
        expect(raw[y * (stride + 1)]).toBe(0);
        return raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
      }),
    );
  }
  return png;
}

describe('npm run package (scripts/package-app.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'roundtable-package-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Only the settings under test: whatever the developer's shell has set must not leak in.
  const packageApp = (env: Record<string, string>, out: string) =>
    run(TSX, ['scripts/package-app.ts', '--out', out], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    });

  it('writes a zip of exactly manifest.json, color.png and outline.png, with icons of the right size', async () => {
    const out = path.join(dir, 'real.zip');
    const { stdout } = await packageApp(realEnv, out);
    expect(stdout).toContain(`Teams app ${APP_ID}`);
    expect(stdout).not.toContain('LOCAL DEVELOPMENT');
    expect(stdout).toContain('manifest.json passed: Ajv (v1.30 schema), @microsoft/app-manifest.');

    const entries = unzipSync(readFileSync(out));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as Manifest;
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.id).toBe(APP_ID);

    const color = readPng(entries['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(entries['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6); // RGBA: the outline icon needs an alpha channel

    // Outline: white on a transparent background, as Teams requires.
    const px = outline.rgba!;
    expect(px[3]).toBe(0); // top-left corner
    let drawn = 0;
    for (let o = 0; o < px.length; o += 4)
      if (px[o + 3]! > 0) {
        drawn++;
        expect([px[o], px[o + 1], px[o + 2]]).toEqual([255, 255, 255]);
      }
    expect(drawn).toBeGreaterThan(50);
  });

  it('without settings, builds a local-development package and says so', async () => {
    const out = path.join(dir, 'local.zip');
    const { stdout } = await packageApp({}, out);
    expect(stdout).toContain('LOCAL DEVELOPMENT package');
    const manifest = JSON.parse(
      Buffer.from(unzipSync(readFileSync(out))['manifest.json']!).toString('utf8'),
    ) as Manifest;
    expect(manifest.id).toBe(LOCAL_APP_ID);
    expect(shape(manifest).validDomains).toEqual(['localhost:3978']);
  });

  it('fails with a readable message on half-set settings', async () => {
    await expect(packageApp({ PUBLIC_URL }, path.join(dir, 'none.zip'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('MICROSOFT_APP_ID is not set'),
    });
  });
});

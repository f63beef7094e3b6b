/**
 * The Teams app manifest: which settings go into it, filling manifest.template.json, and checking the
 * result against Microsoft's v1.30 schema. Used by scripts/package-app.ts; takes a Config, never the
 * environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { isLoopback, type Config } from '../bot/config.js';

export type Manifest = Record<string, unknown>;

/** What differs between one council's package and another's. */
export interface PackageSettings {
  /** Bot (and Teams app) id: MICROSOFT_APP_ID. */
  appId: string;
  /** PUBLIC_URL without a trailing slash; tab URLs hang off it. */
  baseUrl: string;
  /** Host (with port, if any) of baseUrl: the valid domain and the SSO resource's authority. */
  host: string;
  version: string;
  localDevelopment: boolean;
}

/** Placeholder id for local-development packages: GUID-shaped so the schema accepts it, obviously not real. */
export const LOCAL_APP_ID = '00000000-0000-4000-8000-000000000000';

export const TEMPLATE_PATH = fileURLToPath(new URL('manifest.template.json', import.meta.url));
export const ICON_PATHS = {
  'color.png': fileURLToPath(new URL('color.png', import.meta.url)),
  'outline.png': fileURLToPath(new URL('outline.png', import.meta.url)),
} as const;

const require = createRequire(import.meta.url);
const SCHEMA_IN_CONTRACTS = fileURLToPath(
  new URL('../../shared/contracts/teams-manifest/v1.30/MicrosoftTeams.schema.json', import.meta.url),
);

export class ManifestError extends Error {
  constructor(
    readonly problems: string[],
    heading = 'The Teams app package was not built',
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** The app version: package.json's, which Teams needs as plain x.y.z. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Real package when MICROSOFT_APP_ID is set (then PUBLIC_URL must be the https address Teams reaches);
 * a local-development package when neither is set. Anything in between is a mistake worth stopping on.
 */
export function packageSettings(config: Config, version = appVersion()): PackageSettings {
  const url = new URL(config.publicUrl);
  const loopback = isLoopback(url.hostname.replace(/^\[|\]$/g, ''));
  const appId = config.bot.appId;
  if (!appId) {
    if (!loopback)
      throw new ManifestError([
        `PUBLIC_URL is ${config.publicUrl} but MICROSOFT_APP_ID is not set: set both for a real package, or neither for a local-development one`,
      ]);
    const baseUrl = `http://localhost${url.port ? `:${url.port}` : ''}`;
    return { appId: LOCAL_APP_ID, baseUrl, host: new URL(baseUrl).host, version, localDevelopment: true };
  }
  // Teams loads tabs only over https and cannot reach this machine's loopback address.
  if (url.protocol !== 'https:' || loopback)
    throw new ManifestError([
      `PUBLIC_URL must be the public https address Teams reaches, not ${config.publicUrl}${loopback ? ' (a loopback address: is PUBLIC_URL set?)' : ''}`,
    ]);
  return { appId, baseUrl: config.publicUrl, host: url.host, version, localDevelopment: false };
}

/** Replaces {{APP_ID}}, {{HOST}}, {{BASE_URL}} and {{VERSION}} in every string of the template. */
export function fillTemplate(template: unknown, s: PackageSettings): Manifest {
  const values: Record<string, string> = {
    APP_ID: s.appId,
    HOST: s.host,
    BASE_URL: s.baseUrl,
    VERSION: s.version,
  };
  const unknown = new Set<string>();
  // Walking the parsed JSON (not the text) means no value can break the JSON's quoting.
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string')
      return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) unknown.add(name);
        return value ?? '';
      });
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  const manifest = fill(template) as Manifest;
  if (unknown.size)
    throw new ManifestError([...unknown].map((n) => `the template uses an unknown placeholder {{${n}}}`));
  if (s.localDevelopment) labelAsLocal(manifest);
  return manifest;
}

/** Makes a local-development package unmistakable wherever Teams shows the app. */
function labelAsLocal(manifest: Manifest): void {
  const name = manifest.name as { short: string; full?: string };
  const description = manifest.description as { short: string; full: string };
  name.short = `${name.short} (local dev)`;
  name.full = `${name.full ?? name.short} (local development)`;
  description.short = 'LOCAL DEVELOPMENT BUILD, not for use with real cases.';
  description.full = `LOCAL DEVELOPMENT BUILD with a placeholder app id, not for use with real cases. ${description.full}`;
}

export function readTemplate(): unknown {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
}

/**
 * The v1.30 schema: the copy in shared/contracts, or the byte-identical one inside
 * @microsoft/app-manifest for checkouts without shared/.
 */
export function loadSchema(): Record<string, unknown> {
  let file = SCHEMA_IN_CONTRACTS;
  if (!existsSync(file)) {
    try {
      file =
        require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    } catch {
      throw new ManifestError([
        `the Teams manifest v1.30 schema is missing (looked for ${SCHEMA_IN_CONTRACTS})`,
      ]);
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

let validator: ValidateFunction | undefined;

/** Every schema error, as "path message"; empty means valid. The schema is draft-04, hence ajv-draft-04. */
export function schemaProblems(manifest: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv04Module.default({ allErrors: true, strictTypes: false });
    addFormatsModule.default(ajv);
    validator = ajv.compile(loadSchema());
  }
  if (validator(manifest)) return [];
  return (validator.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

/** Result of Microsoft's validator: its problems, or why it could not run. */
export type SecondOpinion = { ran: true; problems: string[] } | { ran: false; reason: string };

/**
 * A second opinion from Microsoft's own validator (dev dependency @microsoft/app-manifest), given the
 * schema so it never fetches. It needs Node's require(esm) (20.19+) for its strip-bom dependency, which
 * Jest's module loader lacks, so inside Jest it reports why it did not run instead of failing.
 */
export async function microsoftSchemaProblems(manifest: Manifest): Promise<SecondOpinion> {
  type Utils = { validateAgainstSchema(m: unknown, schema: unknown): Promise<string[]> };
  let utils: Utils | undefined;
  try {
    const mod = (await import('@microsoft/app-manifest')) as {
      AppManifestUtils?: Utils;
      default?: { AppManifestUtils?: Utils };
    };
    utils = mod.AppManifestUtils ?? mod.default?.AppManifestUtils;
  } catch (err) {
    const reason = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? 'not installed' : String(err);
    return { ran: false, reason: `@microsoft/app-manifest could not be loaded: ${reason.split('\n')[0]}` };
  }
  if (!utils) return { ran: false, reason: '@microsoft/app-manifest has no AppManifestUtils' };
  return { ran: true, problems: await utils.validateAgainstSchema(manifest, loadSchema()) };
}

/**
 * Validators built from the official schemas in ../shared/contracts (see its README for the Ajv options).
 * Every card, the manifest and every outgoing Graph request is checked against these in tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Ajv04Module from 'ajv-draft-04';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export.
/** ajv-formats is CommonJS with a default export; under ESM the function may sit on `.default`. */
export const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

export const CONTRACTS_DIR = path.resolve(process.cwd(), '..', 'shared', 'contracts');

const readJson = (rel: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(CONTRACTS_DIR, rel), 'utf8')) as Record<string, unknown>;

let card15: ValidateFunction | undefined;

/** Adaptive Card 1.5 schema validator (draft-06; root `id` renamed to `$id`). */
export function adaptiveCard15(): ValidateFunction {
  if (card15) return card15;
  const { id, ...rest } = readJson('adaptive-cards/1.5.0/adaptive-card.json');
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  ajv.addVocabulary(['version', 'features', 'example']);
  addFormats(ajv);
  card15 = ajv.compile({ $id: id as string, ...rest });
  return card15;
}

/**
 * Validates a card as Teams would receive it: the `msteams` property is checked on its own
 * (the official schema rejects it) and the rest against Adaptive Card 1.5.
 * Returns a list of readable problems; empty means valid.
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!card || typeof card !== 'object') return ['card is not an object'];
  const { msteams, ...rest } = card as Record<string, unknown>;
  if (msteams !== undefined) {
    const ok =
      typeof msteams === 'object' &&
      msteams !== null &&
      Object.keys(msteams).every((k) => k === 'width' || k === 'entities') &&
      ((msteams as { width?: unknown }).width === undefined ||
        (msteams as { width?: unknown }).width === 'Full');
    if (!ok) problems.push(`msteams: unexpected ${JSON.stringify(msteams)}`);
  }
  const validate = adaptiveCard15();
  if (!validate(rest)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message ?? ''}`);
  }
  if ((rest as { version?: unknown }).version !== '1.5')
    problems.push(`version is ${String((rest as { version?: unknown }).version)}, Teams bots target 1.5`);
  const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (size > 80_000) problems.push(`card is ${size} bytes, keep under 80 KB`);
  return problems;
}

let manifest130: ValidateFunction | undefined;

/** Teams app manifest v1.30 schema validator (draft-04, so the ajv-draft-04 class; README §3). */
export function teamsManifest130(): ValidateFunction {
  if (manifest130) return manifest130;
  const ajv = new Ajv04Module.default({ allErrors: true, strictTypes: false });
  addFormats(ajv as unknown as Ajv);
  manifest130 = ajv.compile(readJson('teams-manifest/v1.30/MicrosoftTeams.schema.json'));
  return manifest130;
}

/** Validates a Teams app manifest against the v1.30 schema; returns readable problems, empty means valid. */
export function manifestProblems(manifest: unknown): string[] {
  const validate = teamsManifest130();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

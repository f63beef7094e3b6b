/**
 * Builds the Teams app package (the zip an admin uploads): manifest.json, color.png and outline.png at
 * the zip root, the manifest checked against the v1.30 schema first.
 */
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import type { Config } from '../bot/config.js';
import {
  ICON_PATHS,
  ManifestError,
  fillTemplate,
  microsoftSchemaProblems,
  packageSettings,
  readTemplate,
  schemaProblems,
  type Manifest,
  type PackageSettings,
} from './app-manifest.js';

export interface AppPackage {
  zip: Uint8Array;
  manifest: Manifest;
  settings: PackageSettings;
  /** Things the person packaging should know (local build, placeholders left in, checks skipped). */
  notes: string[];
  /** The schema checks the manifest passed. */
  checks: string[];
}

/** A fixed timestamp for every entry, so the same inputs give the same zip. */
const ENTRY_TIME = new Date(2026, 0, 1);

export async function buildAppPackage(config: Config): Promise<AppPackage> {
  const settings = packageSettings(config);
  const manifest = fillTemplate(readTemplate(), settings);

  const problems = schemaProblems(manifest);
  if (problems.length)
    throw new ManifestError(problems, 'manifest.json does not match the Teams v1.30 schema');
  const notes: string[] = [];
  const microsoft = await microsoftSchemaProblems(manifest);
  if (!microsoft.ran) notes.push(`${microsoft.reason}; only the Ajv schema check ran.`);
  else if (microsoft.problems.length)
    throw new ManifestError(microsoft.problems, '@microsoft/app-manifest rejects manifest.json');
  const checks = microsoft.ran ? ['Ajv (v1.30 schema)', '@microsoft/app-manifest'] : ['Ajv (v1.30 schema)'];

  if (settings.localDevelopment)
    notes.push(
      `LOCAL DEVELOPMENT package: MICROSOFT_APP_ID and PUBLIC_URL are not set, so it uses the placeholder app id ${settings.appId} and ${settings.baseUrl}. Teams will not reach this bot; set both for a real package.`,
    );
  const developer = manifest.developer as Record<string, string>;
  const placeholders = Object.entries(developer).filter(([, v]) => /example\.org|\(replace\)/.test(v));
  if (placeholders.length)
    notes.push(
      `developer.${placeholders.map(([k]) => k).join(', developer.')} are still placeholders: replace them in manifest/manifest.template.json with your council's pages before publishing.`,
    );

  const zip = zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      'color.png': readFileSync(ICON_PATHS['color.png']),
      'outline.png': readFileSync(ICON_PATHS['outline.png']),
    },
    { level: 9, mtime: ENTRY_TIME },
  );
  return { zip, manifest, settings, notes, checks };
}

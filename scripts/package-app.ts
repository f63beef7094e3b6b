/**
 * `npm run package`: builds dist/roundtable-teams-app.zip, the Teams app package, from
 * manifest/manifest.template.json and the usual settings (MICROSOFT_APP_ID, PUBLIC_URL). Without
 * either it builds a clearly labelled local-development package. `-- --out <file>` writes elsewhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../bot/config.js';
import { ManifestError } from '../manifest/app-manifest.js';
import { buildAppPackage } from '../manifest/app-package.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? 'dist/roundtable-teams-app.zip');

try {
  const pkg = await buildAppPackage(loadConfig());
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, pkg.zip);
  for (const note of pkg.notes) console.log(`Note: ${note}`);
  console.log(`manifest.json passed: ${pkg.checks.join(', ')}.`);
  console.log(
    `Wrote ${out} (${pkg.zip.length} bytes): Teams app ${pkg.settings.appId}, version ${pkg.settings.version}, ${pkg.settings.baseUrl}`,
  );
} catch (err) {
  if (err instanceof ConfigError || err instanceof ManifestError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

/**
 * The conference tab's build: one HTML page per Teams surface (side panel, stage, personal tab,
 * configuration page, in-meeting prompt, after the conference), so each loads only its own code. Served by the service at
 * /tab/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./tabs/', import.meta.url));
const page = (name: string): string => fileURLToPath(new URL(`./tabs/${name}.html`, import.meta.url));

export default defineConfig({
  root,
  base: '/tab/',
  // Vite 8 transforms TSX itself (Oxc); React 19's automatic runtime needs no React import per file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./tabs/dist/', import.meta.url)),
    emptyOutDir: true,
    // The service's CSP allows scripts from 'self' only: no inline module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        'side-panel': page('side-panel'),
        stage: page('stage'),
        personal: page('personal'),
        config: page('config'),
        prompt: page('prompt'),
        after: page('after'),
      },
      // Fluent UI marks its modules 'use client' (for React Server Components); meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});

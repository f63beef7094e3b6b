import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'outbox/', 'coverage/', 'tabs/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nothing but bot/config.ts reads the environment (STYLE.md #6).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from bot/config.ts.' },
      ],
    },
  },
  {
    // Plain JavaScript tooling runs on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['bot/config.ts', 'scripts/**', 'test/**', 'bench/**', 'jest.config.js', '.ci/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The conference tab runs in the browser (its types come from tabs/tsconfig.json's DOM library).
    files: ['tabs/**'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', location: 'readonly', console: 'readonly' },
    },
  },
  {
    // The domain is pure: no I/O, no framework (DESIGN.md §2).
    files: ['bot/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'botbuilder*',
            'restify*',
            'pg',
            'pg-boss',
            '@electric-sql/*',
            'kysely',
            'node:fs*',
            'node:http*',
            '../store/*',
            '../teams/*',
            '../graph/*',
            '../http/*',
          ],
        },
      ],
    },
  },
);

/** ESM TypeScript through ts-jest; run with node --experimental-vm-modules (see package.json). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Transpile only: type checking is 'npm run lint' (tsc --noEmit), once for the whole tree.
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // Browser and database suites start real processes; two workers fit the 2-core machines.
  maxWorkers: 2,
};

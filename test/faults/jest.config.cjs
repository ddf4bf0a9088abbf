// The fault suite (quality.md R1–R6): `npm run test:faults` (full) and `npm run test:faults:quick` (CI). Each file
// starts its own system of real processes (PostgreSQL, S3 server, SMTP sink, API and worker from the built
// launcher) in a scratch directory, breaks it, and checks what clients were told against what the stores hold.
// Kept out of the root jest config: it needs `npm run build` first and takes minutes, one file at a time.
const path = require('node:path');
const { swcOptions } = require('../../scripts/swc-options.cjs');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), sourceMaps: 'inline', swcrc: false }] },
  moduleNameMapper: { '^@lyg/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  // Whole systems of processes on a shared 2-core machine: one file at a time, generous limits.
  maxWorkers: 1,
  testTimeout: 900000,
};

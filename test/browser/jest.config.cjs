// Browser end-to-end tests (`npm run test:browser`): Debian's Chromium driven by playwright-core against the real
// system as `npm start` runs it (API + worker on embedded PostgreSQL, S3 and SMTP, demo data), started once by the
// global setup on a free port. Kept out of the root jest config so `npm test` needs no browser.
const path = require('node:path');
const { swcOptions } = require('../../scripts/swc-options.cjs');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), sourceMaps: 'inline', swcrc: false }] },
  moduleNameMapper: { '^@lyg/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
  // A real browser and a real server on a shared 2-core machine.
  testTimeout: 120000,
  maxWorkers: 1,
};

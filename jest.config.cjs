const { swcOptions } = require('./scripts/swc-options.cjs');

const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), sourceMaps: 'inline', swcrc: false }] };
const moduleNameMapper = { '^@lyg/(.*)$': '<rootDir>/libs/$1/src' };

module.exports = {
  // Real services on a shared 2-core machine: generous, but a hung test still fails.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
  ],
};

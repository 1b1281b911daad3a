export default {
  displayName: 'api-auth',
  preset: '../../../jest.preset.js',
  // The key store and the rate limiter are tested against the real Redis (see libs/testing).
  globalSetup: '<rootDir>/../../../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 30_000,
};

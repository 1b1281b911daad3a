export default {
  displayName: 'api-keys-cli',
  preset: '../../jest.preset.js',
  // The command is tested against the real Redis (see libs/testing).
  globalSetup: '<rootDir>/../../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 30_000,
};

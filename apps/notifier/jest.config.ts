export default {
  displayName: 'notifier',
  preset: '../../jest.preset.js',
  // Integration specs talk to the real Kafka and Redis: this provides them (see libs/testing).
  globalSetup: '<rootDir>/../../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 60_000,
};

export default {
  displayName: 'kafka',
  preset: '../../../jest.preset.js',
  // Integration specs talk to the real Kafka: this provides it (see libs/testing).
  globalSetup: '<rootDir>/../../../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 60_000,
};

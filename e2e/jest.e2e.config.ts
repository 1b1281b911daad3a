// Not named jest.config.ts on purpose: this suite runs the built services, so it is the `e2e` target
// (after the builds), not part of `nx run-many -t test`.
export default {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: '.',
  globalSetup: '<rootDir>/../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 120_000,
};

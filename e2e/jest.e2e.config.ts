// Not named jest.config.ts on purpose: this suite runs the built services, so it is the `e2e` target
// (after the builds), not part of `nx run-many -t test`.
export default {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  rootDir: '.',
  // The commands' smoke runs against the built services live beside their code (tools/*/src/__tests__).
  roots: ['<rootDir>/src', '<rootDir>/../tools'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../libs/testing/src/lib/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../libs/testing/src/lib/jest-global-teardown.ts',
  testTimeout: 120_000,
};

export default {
  displayName: 'x-education-replay',
  preset: '../../jest.preset.js',
  // The replay through the built services (*.e2e-spec.ts) runs with the end-to-end suite, after the builds.
  testMatch: ['**/*.spec.ts'],
};

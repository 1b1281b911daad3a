export default {
  displayName: 'redis',
  preset: '../../../jest.preset.js',
  testTimeout: 30_000,
};

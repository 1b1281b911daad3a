export default {
  displayName: 'cli-kit',
  preset: '../../../jest.preset.js',
};

export default {
  displayName: 'api-key',
  preset: '../../../jest.preset.js',
};

export default {
  displayName: 'failure',
  preset: '../../../jest.preset.js',
};

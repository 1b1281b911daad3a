export default {
  displayName: 'kafka',
  preset: '../../../jest.preset.js',
};

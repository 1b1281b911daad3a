export default {
  displayName: 'yaml-validation',
  preset: '../../../jest.preset.js',
};

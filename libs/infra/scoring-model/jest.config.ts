export default {
  displayName: 'scoring-model-file',
  preset: '../../../jest.preset.js',
};

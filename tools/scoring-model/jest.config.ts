export default {
  displayName: 'scoring-model-cli',
  preset: '../../jest.preset.js',
};

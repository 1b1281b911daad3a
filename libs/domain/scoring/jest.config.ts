export default {
  displayName: 'scoring-domain',
  preset: '../../../jest.preset.js',
};

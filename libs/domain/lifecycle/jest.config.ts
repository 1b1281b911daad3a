export default {
  displayName: 'lifecycle-domain',
  preset: '../../../jest.preset.js',
};

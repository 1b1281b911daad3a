export default {
  displayName: 'watched-file',
  preset: '../../../jest.preset.js',
};

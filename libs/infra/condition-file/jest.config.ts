export default {
  displayName: 'condition-file',
  preset: '../../../jest.preset.js',
};

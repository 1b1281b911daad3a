export default {
  displayName: 'api-docs',
  preset: '../../jest.preset.js',
};

export default {
  displayName: 'alerts-cli',
  preset: '../../jest.preset.js',
};

export default {
  displayName: 'funnel-report-cli',
  preset: '../../jest.preset.js',
};

export default {
  displayName: 'webhook-signature',
  preset: '../../../jest.preset.js',
};

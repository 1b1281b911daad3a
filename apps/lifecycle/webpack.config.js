const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

// Bundles the app with its libs; npm packages stay external and are listed in the generated package.json.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/lifecycle') },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      // The bundled models (their `stages:` are the qualification rules), beside main.js.
      assets: [{ input: 'libs/domain/scoring/models', glob: '*.yaml', output: 'models' }],
    }),
  ],
};

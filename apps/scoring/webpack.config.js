const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

// Bundles the app with its libs; npm packages stay external and are listed in the generated package.json.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/scoring') },
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
      // The bundled scoring models, beside main.js: SCORING_MODEL_FILE defaults to models/b2b-default.yaml.
      assets: [{ input: 'libs/domain/scoring/models', glob: '*.yaml', output: 'models' }],
    }),
  ],
};

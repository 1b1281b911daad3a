const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

// The one webpack config of the four services. Their `build` target (nx.json targetDefaults) runs
// `webpack-cli build --config ../../tools/build/webpack.config.js` in the app's folder, so the app is the working
// directory: apps/<app>/src/main.ts bundled with its libs into dist/apps/<app>/main.js. npm packages stay external
// and are listed in the generated package.json. `--env models` (scoring and lifecycle, in their project.json) also
// copies the bundled scoring models beside main.js: SCORING_MODEL_FILE defaults to models/b2b-default.yaml, and the
// models' `stages:` are lifecycle's qualification rules.
const workspaceRoot = join(__dirname, '../..');

module.exports = (env = {}) => ({
  output: { path: join(workspaceRoot, 'dist', relative(workspaceRoot, process.cwd())) },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      // Relative to the project's root, which the plugin resolves from the Nx task.
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      assets: env.models ? [{ input: 'libs/domain/scoring/models', glob: '*.yaml', output: 'models' }] : [],
    }),
  ],
});

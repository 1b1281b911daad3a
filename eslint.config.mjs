import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Bans that keep a library free of frameworks and I/O: domain code must run in a replay or a backtest with
// nothing started, and contracts are read by other teams' consumers.
const frameworkAndIo = ['@nestjs/*', 'kafkajs', 'ioredis', 'express', 'testcontainers', '@testcontainers/*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.baton', '**/tmp', '**/*.js', '**/*.mjs', '**/jest.config.ts', '**/jest.*.config.ts'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            // What each kind of project may build on.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:util', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:util', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:util'] },
            // Adapters may use the domain (the model file loader parses with it); the domain never sees them.
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:domain', 'type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: frameworkAndIo },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: [...frameworkAndIo, 'class-validator', 'class-transformer'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: frameworkAndIo },
            // Which part of the product may see which: a service sees its own libs and the shared ones.
            { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:shared'] },
            { sourceTag: 'scope:scoring', onlyDependOnLibsWithTags: ['scope:scoring', 'scope:shared'] },
            { sourceTag: 'scope:lifecycle', onlyDependOnLibsWithTags: ['scope:lifecycle', 'scope:shared'] },
            { sourceTag: 'scope:notifier', onlyDependOnLibsWithTags: ['scope:notifier', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:system', onlyDependOnLibsWithTags: ['scope:shared', 'scope:ingest', 'scope:scoring', 'scope:lifecycle', 'scope:notifier'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Test helpers are for tests: production code of an app never imports them.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/__tests__/**', 'libs/testing/**', 'e2e/**', 'tools/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@baton/testing', message: 'test helpers are for tests only' }] }],
    },
  },
];

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Node's globals, which code that also runs in the browser must not use. The client's TypeScript
// program sees Node's types (they come with the server types behind `AppRouter`), so this is
// the check that keeps them out of client/; shared/ is checked without them by its tsconfig.
const NODE_ONLY_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'setImmediate', 'clearImmediate'];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-results/**', '.bench/**', '.prof/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      // Type-aware rules: each file is checked with its own project, the nearest tsconfig.json
      // (client/, server/, shared/, or the root one for tests and tools).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // A promise nobody awaits loses its rejection (an unhandled rejection ends the server):
      // await it, or `void` it with a comment saying why it is fire-and-forget.
      '@typescript-eslint/no-floating-promises': 'error',
      // React handlers may return promises (attributes); anywhere else a promise where a plain
      // callback is expected is a bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // code the browser runs: no Node modules, no Node globals
    files: ['client/**/*.{ts,tsx}', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'client/ and shared/ run in the browser: no Node modules.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...NODE_ONLY_GLOBALS.map((name) => ({ name, message: 'client/ and shared/ run in the browser: no Node globals.' })),
      ],
    },
  },
  {
    // page.evaluate callbacks run in the browser
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // migrations are typed Kysely<any> on purpose: frozen in time, independent of today's schema
    files: ['server/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // command-line tools and tests print to the terminal on purpose
    files: ['server/cli/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);

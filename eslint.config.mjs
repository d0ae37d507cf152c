import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Module boundaries (STYLE habit 14): libraries never import apps, and apps never import each
 * other; they talk over HTTP with the wire types of libs/contracts.
 */
const APPS = ['mdm-cloud', 'connector', 'ca', 'device-agent', 'admin-ui'];
const boundaryRules = (self) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: APPS.filter((a) => a !== self).flatMap((a) => [`@certlab/${a}`, `@certlab/${a}/*`, `**/apps/${a}/**`]),
          message: 'Apps do not import each other: call the other app over HTTP with the types of @certlab/contracts.',
        },
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.data/**', 'e2e/test-results/**', 'e2e/playwright-report/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An async assertion or call without await passes whatever happens (STYLE: avoid).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tool configs (vitest.config.mts …) are outside every tsconfig: linted without type information.
    files: ['**/*.mts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@certlab/mdm-cloud', '@certlab/connector', '@certlab/ca', '@certlab/device-agent', '@certlab/admin-ui', '**/apps/**'], message: 'Libraries never import apps.' }] }],
    },
  },
  ...APPS.map((app) => ({ files: [`apps/${app}/**/*.{ts,tsx}`], rules: boundaryRules(app) })),
  {
    files: ['apps/admin-ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// One direction of imports (docs/architecture): domain ← sync/pdf ← app|server; features never import each other.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const layer = (from, group, message) => ({ regex: group, message: `${from}: ${message}` });

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'data', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([
      layer('domain', '(^|/)(app|server|sync|pdf)/', 'domain imports nothing of ours'),
      layer('domain', '^(react|react-dom|dexie|dexie-react-hooks|fastify|kysely)$', 'domain stays free of React, Dexie and servers'),
      layer('domain', '^node:', 'domain stays free of Node APIs'),
    ]),
  },
  {
    files: ['src/sync/**/*.ts', 'src/pdf/**/*.ts'],
    rules: restrict([
      layer('sync/pdf', '(^|/)(app|server)/', 'shared layers never import app or server'),
      layer('sync/pdf', '^(react|react-dom|dexie|dexie-react-hooks|fastify|kysely)$', 'shared layers stay platform-free'),
    ]),
  },
  {
    files: ['src/pdf/**/*.ts'],
    rules: restrict([
      layer('pdf', '(^|/)(app|server|sync)/', 'pdf imports domain only'),
      layer('pdf', '^(react|react-dom|dexie|dexie-react-hooks|fastify|kysely)$', 'shared layers stay platform-free'),
      layer('pdf', '^node:', 'pdf runs in a Web Worker too: no Node APIs'),
    ]),
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict([layer('app', '(^|/)server/', 'the app never imports the server')]),
  },
  {
    // A file directly inside src/app/features/<name>/ must not reach into a sibling feature.
    files: ['src/app/features/*/*.{ts,tsx}'],
    rules: restrict([
      layer('app', '(^|/)server/', 'the app never imports the server'),
      layer('feature', '^\\.\\./(?!\\.\\.)[^/]+/', 'features do not import each other; compose them in routes'),
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([layer('server', '(^|/)app/', 'the server never imports the app')]),
  },
);

// Lint, and the layering rules that make a wrong import a red CI rather than a review comment.
// engine: pure computation. shared: runs anywhere. renderer: only shared + its own code + UI libs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'https', 'net', 'zlib', 'stream', 'url', 'util'];
const IO_PACKAGES = ['electron', 'better-sqlite3', 'ws', 'pdfmake', 'pdfmake/*'];

const zone = (files, groups, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'native/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.svelte', 'src/renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig } },
  },
  { files: ['src/renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  zone(
    ['src/main/engine/**'],
    [...NODE_BUILTINS, ...IO_PACKAGES, '**/store/**', '**/services/**', '**/ipc/**', '**/web/**', '**/cli/**', '**/jobs/**', '**/ingest/**', '**/report/**', '**/renderer/**', '**/preload/**'],
    'src/main/engine is pure computation: no I/O, no Electron, no store; inputs are arguments and outputs return values.',
  ),
  zone(
    ['src/shared/**'],
    [...NODE_BUILTINS, ...IO_PACKAGES, '@tensorflow/*', 'svelte', 'svelte/*', '**/main/**', '**/renderer/**', '**/preload/**'],
    'src/shared runs anywhere: no Node, no Electron, no tfjs, no UI framework, nothing from main/renderer/preload.',
  ),
  zone(
    ['src/renderer/**'],
    [...NODE_BUILTINS, ...IO_PACKAGES, '@tensorflow/*', '**/main/**', '**/preload/**'],
    'The renderer talks only to the API client: no Node, Electron, tfjs or main-process code.',
  ),
  zone(
    ['src/preload/**'],
    [...NODE_BUILTINS.filter((name) => name !== 'node:*'), 'better-sqlite3', 'ws', '@tensorflow/*', '**/main/**', '**/renderer/**'],
    'The preload only builds window.api from the shared contract.',
  ),
);

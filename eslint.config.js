// ESLint for the whole repository: JavaScript's and typescript-eslint's recommended rules, without type
// information (the type-aware rules cost about four times the time here and found no bug). The type-check
// (`npm run typecheck`) already refuses what Node's type stripping cannot run (erasableSyntaxOnly: enums,
// namespaces, parameter properties) and type imports without `type` (verbatimModuleSyntax).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['src/generated/', 'packages/sdk/src/generated/', 'packages/*/dist/', '.toolchain/'] }, // and node_modules/, always
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: 'error',
      // `_name` marks a value that is deliberately unused (a skipped argument, a field left out of a rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `import type { … }` whole, so that no import is kept only for its side effects once types are erased.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // The embedded engine reads BSON values by duck typing (`_bsontype`); tests poke at loosely shaped replies.
    files: ['src/engine/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The few plain CommonJS files that run on any Node (the launcher, tool configs).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

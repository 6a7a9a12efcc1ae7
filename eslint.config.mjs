// Lint with teeth (STYLE.md §13): strict type-aware rules, and import boundaries per layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworks = ['@nestjs/*', 'typeorm', 'mqtt', 'socket.io', 'socket.io-client', 'aedes', 'better-sqlite3', 'express'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/dashboard/**', 'artifacts/**', 'coverage/**', '**/*.generated.ts', 'libs/vda5050/src/types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through apps/api/src/config only.' }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      ...restrict([...frameworks, '@opiekun/*'], 'libs/domain is pure: no framework, no I/O, nothing else of ours.'),
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in as an argument.' },
        { selector: "CallExpression[callee.name=/^set(Timeout|Interval)$/]", message: 'No timers in the domain.' },
      ],
    },
  },
  { files: ['libs/application/**/*.ts'], rules: restrict([...frameworks, '@opiekun/vda5050', '@opiekun/robot-sim'], 'Application services reach the world through ports only.') },
  { files: ['libs/vda5050/**/*.ts'], rules: restrict(['@opiekun/*', '@nestjs/*', 'typeorm'], 'The protocol library depends on nothing of ours.') },
  { files: ['robot-sim/**/*.ts'], rules: restrict(['@opiekun/domain', '@opiekun/application', '@nestjs/*', 'typeorm'], 'A robot knows only the protocol.') },
  { files: ['apps/api/src/config/**/*.ts', 'apps/api/src/main.ts', 'scripts/**', 'test/**/*.ts', 'bench/**/*.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['**/*.spec.ts', 'test/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off', 'no-restricted-properties': 'off' } },
);

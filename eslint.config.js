import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'bench/results', 'test-results', 'playwright-report', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG from src/envs/core.ts.' },
      ],
    },
  },
  {
    // The numbers of a training run must not depend on the JS engine: engines' libms differ (Node 20 and
    // Chromium 156 disagree on sin, cos, exp, log, tanh and **), so the training path uses src/util/portable-math.
    files: ['src/envs/**/*.ts', 'src/agents/**/*.ts', 'src/nn/**/*.ts', 'src/workers/rl/**/*.ts'],
    ignores: ['src/envs/**/scene.ts', 'src/envs/scene-kit.ts', 'src/envs/scenes.ts', 'src/nn/mlp-*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG from src/envs/core.ts.' },
        ...[
          'sin',
          'cos',
          'tan',
          'exp',
          'expm1',
          'log',
          'log1p',
          'log2',
          'log10',
          'pow',
          'tanh',
          'atan2',
          'hypot',
        ].map((property) => ({
          object: 'Math',
          property,
          message: 'Use src/util/portable-math (same bits in every engine).',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**']", message: 'Use pow from src/util/portable-math.' },
        { selector: "AssignmentExpression[operator='**=']", message: 'Use pow from src/util/portable-math.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    // Node scripts; bench/run.mjs also passes callbacks that run in the page (window).
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        window: 'readonly',
        PerformanceObserver: 'readonly',
      },
    },
  },
);

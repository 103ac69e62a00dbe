import { defineConfig } from 'vitest/config';

/** Long measurements, kept out of `npm run test:unit`: `npx vitest run --config bench/node/vitest.config.ts`. */
export default defineConfig({
  test: {
    include: ['bench/node/**/*.measure.ts'],
    environment: 'node',
    testTimeout: 24 * 3600_000,
  },
});

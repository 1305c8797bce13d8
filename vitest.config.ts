import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each test file starts its own simulators on port 0; two cores run files in parallel.
    pool: 'forks',
  },
});

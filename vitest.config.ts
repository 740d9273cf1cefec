import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    // Engine tests run real sessions with real packet capture; give the kernel and tcpdump time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

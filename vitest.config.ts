import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds and Chromium are heavy; two workers suit the two-core machines this runs on.
    maxWorkers: 2,
  },
});

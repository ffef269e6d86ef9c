import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

export default defineConfig({
  ...sharedTestConfig,
  test: {
    ...sharedTestConfig.test,
    include: ['e2e/**/*.test.ts', 'corpus/**/*.test.ts'],
    testTimeout: 120_000,
  },
});

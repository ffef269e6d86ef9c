import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares: workspace packages resolve to their TypeScript sources through
 * the `@portico/source` export condition, so tests never need a prior build.
 */
export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ['@portico/source'] },
  ssr: { resolve: { conditions: ['@portico/source'], externalConditions: ['@portico/source'] } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
};

import type { ViteUserConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@portico/source` export
// condition, so tests never need a prior build. Global setup files run in vitest's own
// `__vitest__` environment, which needs the condition too.
const source = { conditions: ['@portico/source'], externalConditions: ['@portico/source'] };

/** Test settings every package shares. */
export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ['@portico/source'] },
  ssr: { resolve: source },
  environments: { __vitest__: { resolve: source } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
};

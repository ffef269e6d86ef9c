import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// One DynamoDB Local for the whole run; test files isolate themselves with fresh organizations.
// Files run one at a time: several start a Prism mock, and this machine runs one at a time.
export default defineConfig(
  mergeConfig(sharedTestConfig, {
    test: { globalSetup: ['test/support/global-setup.ts'], fileParallelism: false },
  }),
);

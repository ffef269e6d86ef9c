import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// One DynamoDB Local for the whole run; test files isolate themselves with fresh organizations.
export default defineConfig(
  mergeConfig(sharedTestConfig, { test: { globalSetup: ['test/support/global-setup.ts'] } }),
);

import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// One DynamoDB Local and one SES stand-in for the whole run (test/global-setup.ts); test files
// share the table and isolate themselves with a fresh organization per test.
export default defineConfig(
  mergeConfig(sharedTestConfig, { test: { globalSetup: ['./test/global-setup.ts'] } }),
);

import { ensurePrerequisites } from './ensure.js';

/**
 * `pnpm test`'s first step: `tsx packages/devkit/src/prerequisites/main.ts java chromium` makes
 * sure Java (DynamoDB Local) and Chromium (browser tests) are here before any test starts.
 */
const wanted = new Set(process.argv.slice(2));
ensurePrerequisites({ java: wanted.has('java'), chromium: wanted.has('chromium') });

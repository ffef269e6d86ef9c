export { type ManagedChild, startChild, waitUntilReady } from './child.js';
export { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
export { freePort } from './ports.js';
export { ensurePrerequisites } from './prerequisites/ensure.js';
export {
  type HostFacts,
  MIN_JAVA_MAJOR,
  type Needs,
  type Plan,
  planPrerequisites,
} from './prerequisites/plan.js';
export {
  chromiumPath,
  DEFAULT_CHROMIUM_PATH,
  isDebianLike,
  javaMajorOf,
  probeHost,
} from './prerequisites/probe.js';
export { type PrismMock, type PrismRequestLog, startPrism } from './prism.js';
export { readSesMailbox, type SesLocal, type StoredEmail, startSesLocal } from './ses-local.js';

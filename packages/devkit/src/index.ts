export { type ManagedChild, startChild, waitUntilReady } from './child.js';
export { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
export { freePort } from './ports.js';
export { type PrismMock, type PrismRequestLog, startPrism } from './prism.js';
export { readSesMailbox, type SesLocal, type StoredEmail, startSesLocal } from './ses-local.js';
export { type TestServicesOptions, testServicesSetup } from './test-setup.js';

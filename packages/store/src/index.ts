export { type ApiKeyStore, TOUCH_INTERVAL_MS } from './api-keys.js';
export { type BlobDescriptor, CHUNK_BYTES } from './chunks.js';
export { createDynamoClient } from './client.js';
export { KEK_BYTES, loadOrCreateKek } from './crypto.js';
export {
  applyToolConfig,
  type CuratedTool,
  type CurationIssue,
  type CurationResult,
  DEFAULT_TOOL_CONFIG,
  type ExcludedTool,
} from './curation.js';
export { ID_PREFIXES, type IdKind, isId, newId } from './ids.js';
export { type ItemKey, keys } from './keys.js';
export type { OrgStore } from './orgs.js';
export { compileSelection, compileSelector, type SelectionVerdict, tagsOf } from './selectors.js';
export { type ServerStore, SLUG_PATTERN } from './servers.js';
export type { SpecStore } from './specs.js';
export { createStore, type Store } from './store.js';
export { ensureTable, TTL_ATTRIBUTE } from './table.js';
export type { ToolConfigStore } from './tool-configs.js';
export type {
  ApiKeyRecord,
  OrgRecord,
  ServerAccess,
  ServerRecord,
  SpecVersionRecord,
  ToolConfig,
  ToolConfigRecord,
  ToolMode,
  ToolOverride,
  ToolSelection,
  ToolSelector,
  UpstreamConfig,
  UpstreamCredential,
} from './types.js';
export type { UpstreamStore } from './upstreams.js';

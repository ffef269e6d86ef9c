export { type ApiKeyStore, TOUCH_INTERVAL_MS } from './api-keys.js';
export type {
  AuthCodeConsumption,
  AuthCodeInput,
  AuthCodeRecord,
  AuthCodeStore,
} from './auth-codes.js';
export {
  AUTH_EVENT_RETENTION_SECONDS,
  AUTH_EVENT_TYPES,
  type AuthEventInput,
  type AuthEventRecord,
  type AuthEventStore,
  type AuthEventType,
  MAX_USER_AGENT_CHARS,
} from './auth-events.js';
export { type BlobDescriptor, CHUNK_BYTES } from './chunks.js';
export { createDynamoClient } from './client.js';
export { KEK_BYTES, loadOrCreateKek } from './crypto.js';
export {
  audienceId,
  type CodeAudience,
  type CodeFailureReason,
  type CodeVerification,
  type EmailCodeRecord,
  type EmailCodeStore,
  MAX_CODE_ATTEMPTS,
  type SignInAudience,
} from './email-codes.js';
export { emailHash, isEmailHash, maskEmail, normalizeEmail } from './emails.js';
export {
  END_USER_TOUCH_INTERVAL_MS,
  type EndUserRecord,
  type EndUserStore,
  type EndUserTouch,
} from './end-users.js';
export type { FlowStateStore } from './flow-states.js';
export { ID_PREFIXES, type IdKind, isId, newId } from './ids.js';
export { type ItemKey, keys } from './keys.js';
export { MEMBER_ROLES, type MemberRecord, type MemberRole, type MemberStore } from './members.js';
export type {
  OAuthClientInput,
  OAuthClientRecord,
  OAuthClientStore,
} from './oauth-clients.js';
export type { OrgStore } from './orgs.js';
export { decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Page } from './pagination.js';
export type { RateLimitDecision, RateLimitStore } from './rate-limits.js';
export type {
  EndUserRefreshGrant,
  MemberRefreshGrant,
  RefreshFamilyRecord,
  RefreshLifetimes,
  RefreshTokenGrant,
  RefreshTokenRecord,
  RefreshUse,
} from './refresh-records.js';
export type { RefreshTokenStore } from './refresh-tokens.js';
export { type ServerStore, SLUG_PATTERN } from './servers.js';
export type { SpecStore, VersionInput } from './specs.js';
export {
  DEFAULT_STORAGE_LIMITS,
  type StorageLimits,
  type StorageUsage,
  versionStoredBytes,
} from './storage.js';
export { createStore, type Store } from './store.js';
export { ensureTable, TTL_ATTRIBUTE } from './table.js';
export type { ToolConfigStore } from './tool-configs.js';
export type {
  ApiKeyRecord,
  OrgRecord,
  ServerAccess,
  ServerRecord,
  SpecVersionRecord,
  ToolConfigRecord,
  UpstreamConfig,
  UpstreamCredential,
} from './types.js';
export { originOf, type UpstreamStore } from './upstreams.js';
export { MAX_PRUNED_PER_UPLOAD } from './version-writes.js';

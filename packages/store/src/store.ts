import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ApiKeyStore, createApiKeyStore } from './api-keys.js';
import { type AuthCodeStore, createAuthCodeStore } from './auth-codes.js';
import { type AuthEventStore, createAuthEventStore } from './auth-events.js';
import { KEK_BYTES } from './crypto.js';
import { createEmailCodeStore, type EmailCodeStore } from './email-codes.js';
import { createEndUserStore, type EndUserStore } from './end-users.js';
import { createFlowStateStore, type FlowStateStore } from './flow-states.js';
import { createMemberStore, type MemberStore } from './members.js';
import { createOAuthClientStore, type OAuthClientStore } from './oauth-clients.js';
import { createOrgStore, type OrgStore } from './orgs.js';
import { createRateLimitStore, type RateLimitStore } from './rate-limits.js';
import { createRefreshTokenStore, type RefreshTokenStore } from './refresh-tokens.js';
import { createServerStore, type ServerStore } from './servers.js';
import { createSpecStore, type SpecStore } from './specs.js';
import { createToolConfigStore, type ToolConfigStore } from './tool-configs.js';
import { createUpstreamStore, type UpstreamStore } from './upstreams.js';

/** Everything services persist, one member per entity. Every method filters by the org id given. */
export interface Store {
  orgs: OrgStore;
  members: MemberStore;
  apiKeys: ApiKeyStore;
  servers: ServerStore;
  specs: SpecStore;
  upstreams: UpstreamStore;
  toolConfigs: ToolConfigStore;
  emailCodes: EmailCodeStore;
  rateLimits: RateLimitStore;
  endUsers: EndUserStore;
  authEvents: AuthEventStore;
  oauthClients: OAuthClientStore;
  authCodes: AuthCodeStore;
  refreshTokens: RefreshTokenStore;
  flowStates: FlowStateStore;
}

/**
 * The store over one DynamoDB table (create it with ensureTable). `kek` is the 32-byte
 * key-encryption key for upstream credentials (loadOrCreateKek). Throws if the KEK has another size.
 */
export function createStore(opts: {
  client: DynamoDBClient;
  tableName: string;
  kek: Buffer;
}): Store {
  if (opts.kek.length !== KEK_BYTES) throw new Error(`kek must be ${KEK_BYTES} bytes`);
  const doc = DynamoDBDocumentClient.from(opts.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const ctx = { doc, tableName: opts.tableName, kek: opts.kek };
  return {
    orgs: createOrgStore(ctx),
    members: createMemberStore(ctx),
    apiKeys: createApiKeyStore(ctx),
    servers: createServerStore(ctx),
    specs: createSpecStore(ctx),
    upstreams: createUpstreamStore(ctx),
    toolConfigs: createToolConfigStore(ctx),
    emailCodes: createEmailCodeStore(ctx),
    rateLimits: createRateLimitStore(ctx),
    endUsers: createEndUserStore(ctx),
    authEvents: createAuthEventStore(ctx),
    oauthClients: createOAuthClientStore(ctx),
    authCodes: createAuthCodeStore(ctx),
    refreshTokens: createRefreshTokenStore(ctx),
    flowStates: createFlowStateStore(ctx),
  };
}

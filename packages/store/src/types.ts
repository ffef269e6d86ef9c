import type { ToolConfig } from '@portico/openapi-to-mcp';

/**
 * Records the store hands to services. Ids are prefixed (`org_`, `srv_`, `ver_`, `key_`) and
 * random; times are ISO-8601 strings unless named `...At` in epoch seconds for TTL (`expiresAt`).
 */

export interface OrgRecord {
  orgId: string;
  name: string;
  /** Contact email given at signup, if any. */
  email?: string;
  createdAt: string;
}

/**
 * How the gateway admits callers of a server: `public` anyone; `api_key` the org's API keys;
 * `end_user` end users signed in through the auth service (OAuth 2.1 access tokens whose `aud` is
 * the server's canonical URL), the org's API keys still accepted for machine clients, and
 * anonymous callers limited to the tools marked `public` in the tool configuration.
 */
export type ServerAccess = 'public' | 'api_key' | 'end_user';

export interface ServerRecord {
  orgId: string;
  serverId: string;
  /** Globally unique, `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`; the MCP URL is `/s/{slug}/mcp`. */
  slug: string;
  name: string;
  access: ServerAccess;
  /** The spec version the gateway serves; absent until one is activated. */
  activeVersionId?: string;
  /**
   * Bumped by every write of the server's tool configuration (absent = never configured). The
   * gateway keys compiled tool sets by (serverId, activeVersionId, toolConfigVersion), so a new
   * configuration is served as soon as the server record is re-read.
   */
  toolConfigVersion?: number;
  createdAt: string;
  updatedAt: string;
}

export interface SpecVersionRecord {
  orgId: string;
  serverId: string;
  versionId: string;
  createdAt: string;
  /** The source document's title, version and OpenAPI/Swagger version. */
  info: { title: string; version: string; specVersion: string };
  toolCount: number;
  /** Byte size of the uploaded document as received. */
  documentBytes: number;
  /** SHA-256 hex of the uploaded document, to recognize re-uploads. */
  documentSha256: string;
}

/** Upstream credential as configured; `value` is a secret (stored encrypted, never logged). */
export type UpstreamCredential =
  | { type: 'header'; name: string; value: string }
  | { type: 'query'; name: string; value: string }
  | { type: 'bearer'; value: string };

/** Upstream configuration, decrypted, as the gateway uses it. */
export interface UpstreamConfig {
  /** Overrides the document's servers when set. */
  baseUrl?: string;
  credential?: UpstreamCredential;
  /**
   * The origin (`https://api.example.com`, WHATWG serialization) the credential is pinned to: the
   * gateway sends it there and nowhere else. Absent with a credential only for a credential
   * configured before pinning with no base URL: such a credential is never sent.
   */
  credentialOrigin?: string;
  updatedAt: string;
}

/** An API key as stored: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  orgId: string;
  /** Present when the key is scoped to one server of the org; absent = the whole org. */
  serverId?: string;
  /** SHA-256 hex of the key. */
  hash: string;
  /** Display hint, `ptk_…` + last 4 characters. */
  hint: string;
  name?: string;
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

/** A stored tool configuration. `version` is the server's `toolConfigVersion` it was written as. */
export interface ToolConfigRecord extends ToolConfig {
  version: number;
  updatedAt: string;
}

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

/** How the gateway admits callers of a server. */
export type ServerAccess = 'public' | 'api_key';

export interface ServerRecord {
  orgId: string;
  serverId: string;
  /** Globally unique, `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`; the MCP URL is `/s/{slug}/mcp`. */
  slug: string;
  name: string;
  access: ServerAccess;
  /** The spec version the gateway serves; absent until one is activated. */
  activeVersionId?: string;
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

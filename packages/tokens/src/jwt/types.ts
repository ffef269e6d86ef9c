import type { JWK, JWTPayload } from 'jose';

/** The only JWS algorithm Portico signs with or accepts (RFC 7518 section 3.4, RFC 8725 3.1). */
export const SIGNING_ALG = 'ES256';

/** Hard cap on any token's lifetime, in seconds (DESIGN: lifetime <= 15 min). */
export const MAX_TOKEN_LIFETIME_SECONDS = 900;

/**
 * The JWT `typ` header value per token kind (RFC 8725 section 3.11: explicit typing, so one kind
 * can never be replayed as another):
 * - `accessToken` = `at+jwt`: OAuth access token for an MCP server (RFC 9068 section 2.1); `aud` is
 *   the server's canonical URL (RFC 8707 `resource`), `sub` the end user, `client_id` required.
 * - `session` = `portico-session+jwt`: an organization member's session at the control API; `aud`
 *   is the control API's URL, `sub` the member.
 */
export const TOKEN_TYPES = {
  accessToken: 'at+jwt',
  session: 'portico-session+jwt',
} as const;

/** One of the `typ` values of TOKEN_TYPES. */
export type TokenType = (typeof TOKEN_TYPES)[keyof typeof TOKEN_TYPES];

/** A public key as published in the JWKS (RFC 7517 section 4): EC P-256 with kid, alg and use. */
export type PublishedJwk = JWK & { kid: string; alg: typeof SIGNING_ALG; use: 'sig' };

/** A JWK Set document (RFC 7517 section 5), as served at the JWKS endpoint. */
export interface Jwks {
  keys: PublishedJwk[];
}

/** What to sign. Times are in seconds. */
export interface SignInput {
  typ: TokenType;
  /** Subject: end-user or member id (RFC 7519 section 4.1.2). */
  sub: string;
  /** Audience: one canonical URL (RFC 7519 section 4.1.3, RFC 8707). */
  aud: string;
  /** Space-separated scopes (RFC 9068 section 2.2.3). */
  scope?: string;
  /** OAuth client id; required for `at+jwt` (RFC 9068 section 2.2). */
  clientId?: string;
  /** Organization id, emitted as `org_id` so verifiers can fence tenants. */
  orgId?: string;
  /** Extra private claims; may not override registered or Portico claims. */
  claims?: Record<string, unknown>;
  /** Seconds from now until `exp`: an integer in 1..maxLifetimeSeconds (<= 900). */
  lifetimeSeconds: number;
}

/** What a verifier pins besides algorithm and issuer. */
export interface VerifyOptions {
  typ: TokenType;
  /** The exact audience this verifier serves (e.g. `https://host/s/acme/mcp`). */
  audience: string;
  /** When given, the token's `org_id` must equal it. */
  orgId?: string;
}

/** A token that passed verification. NumericDates (`exp`, `iat`) are epoch seconds. */
export interface VerifiedToken {
  typ: TokenType;
  kid: string;
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  scope?: string;
  /** `scope` split on spaces; empty when absent. */
  scopes: string[];
  clientId?: string;
  orgId?: string;
  /** The whole verified claims set. */
  payload: JWTPayload;
}

import { TokenError, type TokenService, type VerifiedToken } from '@portico/tokens';
import { LruCache } from '../cache.js';

/**
 * Scopes of an MCP access token at the gateway (RFC 9068 section 2.2.3 `scope`, OAuth 2.1 section
 * 1.4.1). A token must carry the scope of what it does; a token without a `scope` claim can do
 * nothing but the handshake (`initialize`, `ping`, notifications): the safe default.
 * - `tools:read`: `tools/list` (every tool of the server's selection).
 * - `tools:call`: `tools/call` (any selected tool, and dynamic mode's meta-tools).
 */
export const SCOPES = { read: 'tools:read', call: 'tools:call' } as const;

/** Every scope the gateway knows, in the order challenges list them. */
export const ALL_SCOPES: readonly string[] = [SCOPES.read, SCOPES.call];

/** The verified end user behind a bearer token. */
export interface EndUser {
  sub: string;
  clientId?: string;
  orgId?: string;
  scopes: ReadonlySet<string>;
  /** The token's `exp`, epoch ms. */
  expMs: number;
  /** The token's `iat`, epoch ms. */
  iatMs: number;
}

/** Outcome of {@link BearerVerifier.verify}: the end user, or why the token was refused. */
export type BearerVerdict = { ok: true; user: EndUser } | { ok: false; reason: string };

/** A refused token is remembered this long (ms): a replayed bad token costs no signature check. */
const NEGATIVE_TTL_MS = 5_000;
/** A verified token is remembered at most this long (ms), and never past its `exp`. */
const POSITIVE_TTL_MS = 60_000;
/** Longer bearer values are refused unread (our tokens are well under 2 KiB). */
const MAX_TOKEN_CHARS = 8_192;
/** Compact JWS serialization (RFC 7515 section 7.1): three base64url parts. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Verifies OAuth access tokens (`typ: at+jwt`, RFC 9068) for one audience, the server's canonical
 * URL (RFC 8707 section 2; MCP authorization spec, "Token Audience Binding and Validation"), with a
 * bounded LRU in front (keyed by audience and token): steady traffic with the same token costs one
 * ES256 verification per minute, not one per request. A cached success expires with the token's
 * `exp`, so an expired token is never admitted from the cache. A token whose `org_id` (when present)
 * is not the server's org is refused, on top of the audience check.
 */
export class BearerVerifier {
  private readonly cache: LruCache<string, Promise<BearerVerdict>>;

  constructor(
    private readonly tokens: Pick<TokenService, 'verify'>,
    maxEntries = 20_000,
  ) {
    this.cache = new LruCache(maxEntries);
  }

  verify(token: string, audience: string, orgId: string): Promise<BearerVerdict> {
    if (token.length > MAX_TOKEN_CHARS || !COMPACT_JWS.test(token)) {
      return Promise.resolve({ ok: false, reason: 'TOKEN_INVALID' });
    }
    const key = `${audience} ${token}`;
    const hit = this.cache.get(key);
    const verdict = hit ?? this.load(key, token, audience);
    return verdict.then((v) =>
      v.ok && v.user.orgId !== undefined && v.user.orgId !== orgId
        ? { ok: false, reason: 'TOKEN_WRONG_ORG' }
        : v,
    );
  }

  private load(key: string, token: string, audience: string): Promise<BearerVerdict> {
    const loading = this.tokens.verify(token, { typ: 'at+jwt', audience }).then(
      (claims): BearerVerdict => ({ ok: true, user: endUser(claims) }),
      (error: unknown): BearerVerdict => {
        if (error instanceof TokenError) return { ok: false, reason: error.reason };
        throw error;
      },
    );
    this.cache.set(key, loading, NEGATIVE_TTL_MS);
    loading.then(
      (v) => {
        if (!v.ok || this.cache.get(key) !== loading) return;
        const untilExp = v.user.expMs - Date.now();
        if (untilExp <= 0) this.cache.delete(key);
        else this.cache.set(key, loading, Math.min(POSITIVE_TTL_MS, untilExp));
      },
      () => this.cache.delete(key), // a key-store failure is not a verdict: not remembered
    );
    return loading;
  }
}

function endUser(claims: VerifiedToken): EndUser {
  return {
    sub: claims.sub,
    ...(claims.clientId !== undefined ? { clientId: claims.clientId } : {}),
    ...(claims.orgId !== undefined ? { orgId: claims.orgId } : {}),
    scopes: new Set(claims.scopes),
    expMs: claims.exp * 1000,
    iatMs: claims.iat * 1000,
  };
}

/** The server's canonical resource URL (RFC 8707; MCP authorization spec, "Canonical Server URI"). */
export function resourceUrl(origin: string, slug: string): string {
  return `${origin}/s/${slug}/mcp`;
}

/** Its RFC 9728 section 3.1 metadata URL (well-known suffix inserted before the path). */
export function resourceMetadataUrl(origin: string, slug: string): string {
  return `${origin}/.well-known/oauth-protected-resource/s/${slug}/mcp`;
}

/**
 * `WWW-Authenticate` of a 401/403 from an `end_user` server (RFC 6750 section 3, RFC 9728
 * section 5.1, MCP authorization spec "Protected Resource Metadata Discovery" and "Scope
 * Challenge Handling"): `resource_metadata` lets the client find the authorization server,
 * `scope` says what to ask for; `error` is `invalid_token` (credentials presented but refused) or
 * `insufficient_scope` (403).
 */
export function bearerChallenge(
  metadataUrl: string,
  scopes: readonly string[],
  error?: 'invalid_token' | 'insufficient_scope',
): string {
  const parts = [
    ...(error ? [`error="${error}"`] : []),
    `resource_metadata="${metadataUrl}"`,
    `scope="${scopes.join(' ')}"`,
  ];
  return `Bearer ${parts.join(', ')}`;
}

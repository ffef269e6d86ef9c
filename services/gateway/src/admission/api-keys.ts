import type { ApiKeyRecord, ServerRecord } from '@portico/store';
import { hashApiKey, isWellFormedApiKey } from '@portico/tokens';
import { LruCache, loadThrough } from '../cache.js';
import type { GatewayStore } from '../deps.js';

/** Why a caller was not admitted; all map to HTTP 401 (the reason is logged, never shown). */
export type AuthFailure =
  | 'missing'
  | 'conflicting'
  | 'malformed'
  | 'unknown'
  | 'revoked'
  | 'wrong_org'
  | 'wrong_server';

export type AuthOutcome = { ok: true; keyId?: string } | { ok: false; reason: AuthFailure };

/**
 * The API key a request presents: `Authorization: Bearer ptk_...` or `x-api-key: ptk_...`.
 * Returns `undefined` when neither header carries a value, and `{ conflict: true }` when both
 * carry one and they differ (two keys, or a key beside a token or another scheme): which one
 * counts would be a guess, so the caller is refused, as the control API refuses it
 * (the control API's own key check). The same key in both headers is that key.
 */
export function presentedApiKey(
  headers: Record<string, string | string[] | undefined>,
): string | { conflict: true } | undefined {
  const xApiKey = headers['x-api-key'];
  const fromHeader =
    typeof xApiKey === 'string' && xApiKey.trim() !== '' ? xApiKey.trim() : undefined;
  const authorization = headers.authorization;
  const sent = typeof authorization === 'string' && authorization.trim() !== '';
  const bearer = sent ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (fromHeader === undefined) return bearer;
  // Another scheme, or a malformed Bearer, still carries a credential: it cannot sit beside a key.
  if (sent && bearer !== fromHeader) return { conflict: true };
  return fromHeader;
}

/** How often a key's `lastUsedAt` is written at most, ms: the hot path must not write per call. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Admits callers of a server by its `access` mode.
 * - `public`: anyone.
 * - `api_key`: a well-formed key (checked before any read) whose record exists, is not revoked,
 *   belongs to the server's org and, when server-scoped, to this server.
 * Lookups by hash (hits and misses) are cached for `ttlMs`, so a revoked key stops working within
 * `ttlMs` (default 2 s) while steady traffic stays off DynamoDB.
 */
export class ApiKeyAuthenticator {
  private readonly byHash: LruCache<string, Promise<ApiKeyRecord | undefined>>;
  private readonly touchedAt = new LruCache<string, number>(50_000);

  constructor(
    private readonly store: Pick<GatewayStore, 'apiKeys'>,
    ttlMs: number,
    private readonly onTouchError: (error: unknown) => void = () => {},
  ) {
    this.byHash = new LruCache(50_000, ttlMs);
  }

  async authenticate(
    server: ServerRecord,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<AuthOutcome> {
    if (server.access === 'public') return { ok: true };
    const key = presentedApiKey(headers);
    if (key === undefined) return { ok: false, reason: 'missing' };
    if (typeof key !== 'string') return { ok: false, reason: 'conflicting' };
    if (!isWellFormedApiKey(key)) return { ok: false, reason: 'malformed' };
    const hash = hashApiKey(key);
    const record = await loadThrough(this.byHash, hash, () => this.store.apiKeys.findByHash(hash));
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revokedAt) return { ok: false, reason: 'revoked' };
    if (record.orgId !== server.orgId) return { ok: false, reason: 'wrong_org' };
    if (record.serverId !== undefined && record.serverId !== server.serverId) {
      return { ok: false, reason: 'wrong_server' };
    }
    this.touch(record);
    return { ok: true, keyId: record.keyId };
  }

  /** Records last use at most once a minute per key, off the request path. */
  private touch(record: ApiKeyRecord): void {
    const now = Date.now();
    const last = this.touchedAt.get(record.keyId);
    if (last !== undefined && now - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(record.keyId, now);
    this.store.apiKeys.touch(record).catch(this.onTouchError);
  }
}

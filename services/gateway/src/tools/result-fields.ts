import { SERVER_INFO_META_KEY } from '@modelcontextprotocol/server';

/** Wire era of an exchange: 2025-era (initialize handshake) or 2026-07-28 (per-request envelope). */
export type Era = 'legacy' | 'modern';

/** The server identity stamped into 2026-07-28 results (`_meta["io.modelcontextprotocol/serverInfo"]`). */
export interface ServerIdentity {
  name: string;
  title?: string;
  version: string;
}

/**
 * The 2026-07-28 result fields of a `complete` result, as the SDK's encode contract stamps them
 * (rev2026-07-28 `stampResultType`, `fillCacheFields`, `stampServerInfoMeta`): `resultType`
 * is required on every result; `ttlMs`/`cacheScope` are required on cacheable results
 * (`tools/list`), and we send the SDK's defaults (0 ms, private) since a spec activation may change
 * the list at any time; the server identity SHOULD be on every response.
 */
export function modernResultFields(
  serverInfo: ServerIdentity,
  cacheable: boolean,
): Record<string, unknown> {
  return {
    resultType: 'complete',
    ...(cacheable ? { ttlMs: 0, cacheScope: 'private' } : {}),
    _meta: { [SERVER_INFO_META_KEY]: serverInfo },
  };
}

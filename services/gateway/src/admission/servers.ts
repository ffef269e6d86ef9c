import type { ServerRecord } from '@portico/store';
import { LruCache, loadThrough } from '../cache.js';
import type { GatewayStore } from '../deps.js';

/** Server slugs: `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`; anything else cannot exist. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The brief cache of slug -> server record (hits and misses) in front of the store, the first
 * read of every request. `ttlMs` bounds how stale an access-mode change or a spec activation can
 * be on one replica.
 */
export class ServerDirectory {
  private readonly servers: LruCache<string, Promise<ServerRecord | undefined>>;

  constructor(
    private readonly store: Pick<GatewayStore, 'servers'>,
    ttlMs: number,
  ) {
    this.servers = new LruCache(20_000, ttlMs);
  }

  /** The server behind `/s/{slug}/mcp`, or `undefined` for an unknown (or malformed) slug. */
  serverBySlug(slug: string): Promise<ServerRecord | undefined> {
    if (!SLUG.test(slug)) return Promise.resolve(undefined);
    return loadThrough(this.servers, slug, () => this.store.servers.getBySlug(slug));
  }
}

import type { ServerRecord, UpstreamConfig } from '@portico/store';
import { LruCache, loadThrough } from './cache.js';
import type { GatewayStore } from './deps.js';

/**
 * Brief caches in front of the store for the two per-request reads that are not tool sets:
 * slug -> server (hits and misses) and (org, server) -> upstream config. `ttlMs` bounds how stale
 * an access-mode change, spec activation or credential rotation can be on one replica.
 */
export class ServerDirectory {
  private readonly servers: LruCache<string, Promise<ServerRecord | undefined>>;
  private readonly upstreams: LruCache<string, Promise<UpstreamConfig | undefined>>;

  constructor(
    private readonly store: Pick<GatewayStore, 'servers' | 'upstreams'>,
    ttlMs: number,
  ) {
    this.servers = new LruCache(20_000, ttlMs);
    this.upstreams = new LruCache(20_000, ttlMs);
  }

  /** The server behind `/s/{slug}/mcp`, or `undefined` for an unknown (or malformed) slug. */
  serverBySlug(slug: string): Promise<ServerRecord | undefined> {
    // Slugs match ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$: anything else cannot exist, no read.
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug)) return Promise.resolve(undefined);
    return loadThrough(this.servers, slug, () => this.store.servers.getBySlug(slug));
  }

  upstreamConfig(orgId: string, serverId: string): Promise<UpstreamConfig | undefined> {
    return loadThrough(this.upstreams, `${orgId}:${serverId}`, () =>
      this.store.upstreams.get(orgId, serverId),
    );
  }
}

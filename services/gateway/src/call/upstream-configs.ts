import type { UpstreamConfig } from '@portico/store';
import { LruCache, loadThrough } from '../cache.js';
import type { GatewayStore } from '../deps.js';

/**
 * The brief cache of (org, server) -> upstream config (base URL, sealed credential and its
 * pinned origin), read only when an API tool is actually called. `ttlMs` bounds how stale a
 * credential rotation can be on one replica.
 */
export class UpstreamConfigs {
  private readonly configs: LruCache<string, Promise<UpstreamConfig | undefined>>;

  constructor(
    private readonly store: Pick<GatewayStore, 'upstreams'>,
    ttlMs: number,
  ) {
    this.configs = new LruCache(20_000, ttlMs);
  }

  /** The server's upstream config, or `undefined` when the organization configured none. */
  get(orgId: string, serverId: string): Promise<UpstreamConfig | undefined> {
    return loadThrough(this.configs, `${orgId}:${serverId}`, () =>
      this.store.upstreams.get(orgId, serverId),
    );
  }
}

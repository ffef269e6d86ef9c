import type { ServerRecord } from '@portico/store';
import { LruCache, loadThrough } from '../cache.js';
import type { GatewayStore } from '../deps.js';
import { compileToolSet } from './compile.js';
import type { ToolSet } from './types.js';

/**
 * Compiled tool sets by (serverId, activeVersionId, toolConfigVersion), least recently used
 * evicted beyond `maxToolSets`. A spec activation changes `activeVersionId` and a tool
 * configuration write bumps `toolConfigVersion` on the server record, so the next request (after
 * the slug cache's TTL) builds a new entry and the old one ages out: no explicit invalidation.
 * Concurrent first requests for the same key share one read of manifest and configuration and
 * one compile.
 */
export class ToolSetCache {
  private readonly cache: LruCache<string, Promise<ToolSet | undefined>>;

  constructor(
    private readonly store: Pick<GatewayStore, 'specs' | 'toolConfigs'>,
    maxToolSets: number,
    private readonly pageSize: number,
  ) {
    this.cache = new LruCache(maxToolSets);
  }

  /** The cache key of the tool set a server record designates (without its active version: none). */
  static keyOf(server: ServerRecord): string | undefined {
    const versionId = server.activeVersionId;
    return versionId
      ? `${server.serverId}:${versionId}:${server.toolConfigVersion ?? 0}`
      : undefined;
  }

  /** Resolves `undefined` when the server has no active version or its manifest is missing. */
  get(server: ServerRecord): Promise<ToolSet | undefined> {
    const versionId = server.activeVersionId;
    const key = ToolSetCache.keyOf(server);
    if (!versionId || !key) return Promise.resolve(undefined);
    const loading = loadThrough(this.cache, key, async () => {
      const [manifest, config] = await Promise.all([
        this.store.specs.getManifest(server.orgId, server.serverId, versionId),
        // Read even when toolConfigVersion is absent: cheap, and robust to a record read just
        // before the first configuration write (the next version key rebuilds anyway).
        this.store.toolConfigs.get(server.orgId, server.serverId),
      ]);
      return manifest
        ? compileToolSet(key, server.slug, manifest, config, this.pageSize)
        : undefined;
    });
    // A missing manifest is an inconsistency that may heal: do not remember it.
    return loading.then((toolSet) => {
      if (!toolSet) this.cache.delete(key);
      return toolSet;
    });
  }
}

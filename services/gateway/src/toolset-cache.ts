import type { ServerRecord } from '@portico/store';
import { LruCache, loadThrough } from './cache.js';
import type { GatewayStore } from './deps.js';
import { compileToolSet, type ToolSet } from './mcp/toolset.js';

/**
 * Compiled tool sets by (serverId, activeVersionId), least recently used evicted beyond
 * `maxToolSets`. A spec activation changes `activeVersionId`, so the next request (after the
 * slug cache's TTL) builds a new entry and the old one ages out: no explicit invalidation needed.
 * Concurrent first requests for the same version share one manifest read and one compile.
 */
export class ToolSetCache {
  private readonly cache: LruCache<string, Promise<ToolSet | undefined>>;

  constructor(
    private readonly store: Pick<GatewayStore, 'specs'>,
    maxToolSets: number,
    private readonly pageSize: number,
  ) {
    this.cache = new LruCache(maxToolSets);
  }

  /** Resolves `undefined` when the server has no active version or its manifest is missing. */
  get(server: ServerRecord): Promise<ToolSet | undefined> {
    const versionId = server.activeVersionId;
    if (!versionId) return Promise.resolve(undefined);
    const key = `${server.serverId}:${versionId}`;
    const loading = loadThrough(this.cache, key, async () => {
      const manifest = await this.store.specs.getManifest(server.orgId, server.serverId, versionId);
      return manifest ? compileToolSet(key, server.slug, manifest, this.pageSize) : undefined;
    });
    // A missing manifest is an inconsistency that may heal: do not remember it.
    return loading.then((toolSet) => {
      if (!toolSet) this.cache.delete(key);
      return toolSet;
    });
  }
}

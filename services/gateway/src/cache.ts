/**
 * A small LRU map with an optional per-entry time to live, used for every hot-path cache of the
 * gateway (slug -> server, API-key hash -> record, compiled tool sets, upstream configs).
 * `Map` keeps insertion order, so re-inserting on hit makes the first key the least recently used.
 * Values are usually promises, so concurrent misses share one load ({@link LruCache.load}).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  /**
   * @param maxEntries evicts the least recently used entry beyond this count (>= 1).
   * @param ttlMs entry lifetime in ms; `Infinity` keeps entries until evicted.
   * @param onEvict called with entries dropped for size (not for expiry or delete).
   */
  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number = Number.POSITIVE_INFINITY,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K, now: number = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, ttlMs: number = this.ttlMs): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      const evicted = this.entries.get(oldest.value);
      this.entries.delete(oldest.value);
      if (evicted) this.onEvict?.(oldest.value, evicted.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Returns the cached promise for `key` or starts `loader` and caches its promise, so N concurrent
 * misses cost one load. A rejected load is dropped from the cache (errors are not cached).
 */
export function loadThrough<K, V>(
  cache: LruCache<K, Promise<V>>,
  key: K,
  loader: () => Promise<V>,
): Promise<V> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = loader();
  cache.set(key, promise);
  promise.catch(() => {
    if (cache.get(key) === promise) cache.delete(key);
  });
  return promise;
}

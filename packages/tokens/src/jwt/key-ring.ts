import type { CryptoKey } from 'jose';
import { isPublished, type KeyStore, type StoredSigningKey } from './key-store.js';
import { importPrivateKey, importPublicKey } from './keys.js';
import type { Sealer } from './sealer.js';

/** Least time between two reloads caused by an unknown `kid`, in ms (bounds store reads). */
const MISS_RELOAD_MS = 5_000;

/**
 * An in-process cache of the KeyStore: the key list (reloaded after `cacheMs`) and imported
 * CryptoKeys per kid (a private key is opened once per process). A stale list is harmless for
 * verification because an unknown kid forces a reload (at most every 5 s, bounding store reads an
 * attacker can cause); for signing, a replica may keep using the previous key for up to `cacheMs`
 * after the next one activates, which RETIREMENT_MARGIN_SECONDS absorbs.
 */
export interface KeyRing {
  keys(): Promise<readonly StoredSigningKey[]>;
  reload(): Promise<readonly StoredSigningKey[]>;
  /** The published key with this kid at `nowMs`, reloading once on a miss. */
  findPublished(kid: string): Promise<StoredSigningKey | undefined>;
  publicKey(key: StoredSigningKey): Promise<CryptoKey>;
  privateKey(key: StoredSigningKey): Promise<CryptoKey>;
}

export function createKeyRing(input: {
  keyStore: KeyStore;
  sealer: Sealer;
  now: () => number;
  cacheMs: number;
}): KeyRing {
  const { keyStore, sealer, now, cacheMs } = input;
  let cached: readonly StoredSigningKey[] | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<readonly StoredSigningKey[]> | undefined;
  const publicKeys = new Map<string, Promise<CryptoKey>>();
  const privateKeys = new Map<string, Promise<CryptoKey>>();

  const reload = (): Promise<readonly StoredSigningKey[]> => {
    inflight ??= keyStore
      .list()
      .then((keys) => {
        cached = keys;
        loadedAt = now();
        return keys;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const keys = async (): Promise<readonly StoredSigningKey[]> =>
    cached && now() - loadedAt < cacheMs ? cached : reload();

  const memo = (
    map: Map<string, Promise<CryptoKey>>,
    key: StoredSigningKey,
    load: () => Promise<CryptoKey>,
  ): Promise<CryptoKey> => {
    let hit = map.get(key.kid);
    if (!hit) {
      hit = load();
      map.set(key.kid, hit);
      hit.catch(() => map.delete(key.kid));
    }
    return hit;
  };

  return {
    keys,
    reload,
    async findPublished(kid: string): Promise<StoredSigningKey | undefined> {
      const find = (list: readonly StoredSigningKey[]): StoredSigningKey | undefined =>
        list.find((k) => k.kid === kid && isPublished(k, now()));
      const hit = find(await keys());
      if (hit || now() - loadedAt < MISS_RELOAD_MS) return hit;
      return find(await reload());
    },
    publicKey: (key) => memo(publicKeys, key, () => importPublicKey(key)),
    privateKey: (key) => memo(privateKeys, key, () => importPrivateKey(key, sealer)),
  };
}

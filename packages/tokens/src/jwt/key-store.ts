import type { SIGNING_ALG } from './types.js';

/** The public half of a P-256 key as a JWK (RFC 7518 section 6.2.1): never has `d`. */
export interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * A signing key as persisted. All times are epoch MILLISECONDS.
 * - `kid`: the RFC 7638 JWK thumbprint (SHA-256, base64url) of `publicJwk`.
 * - `sealedPrivateJwk`: the private JWK as JSON, sealed by a Sealer with AAD signingKeyAad(kid).
 * - `activatesAt`: from then on the key may sign; before, it is only published (in the JWKS).
 * - `retiresAt`: absent while the key is current; set at rotation to the moment its last token
 *   has expired. From then on it is neither published nor accepted.
 */
export interface StoredSigningKey {
  kid: string;
  alg: typeof SIGNING_ALG;
  publicJwk: EcPublicJwk;
  sealedPrivateJwk: string;
  createdAt: number;
  activatesAt: number;
  retiresAt?: number;
}

/**
 * Persistence of signing keys. Implemented by a file for the local stack (createFileKeyStore) and
 * by DynamoDB in @portico/store. Records hold no plaintext private key material.
 */
export interface KeyStore {
  /** Every stored key, retired ones included, in any order. */
  list(): Promise<StoredSigningKey[]>;
  /** Inserts or replaces the record with the same `kid` (an upsert). */
  put(key: StoredSigningKey): Promise<void>;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Validates an untrusted record (read from a file or a table) as a StoredSigningKey, keeping only
 * known fields. Throws a plain Error naming the problem (a corrupt store is a deployment bug).
 */
export function parseStoredSigningKey(value: unknown): StoredSigningKey {
  const v = (value ?? {}) as Record<string, unknown>;
  const jwk = (v.publicJwk ?? {}) as Record<string, unknown>;
  const ok =
    isString(v.kid) &&
    v.alg === 'ES256' &&
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    isString(jwk.x) &&
    isString(jwk.y) &&
    jwk.d === undefined &&
    isString(v.sealedPrivateJwk) &&
    isTime(v.createdAt) &&
    isTime(v.activatesAt) &&
    (v.retiresAt === undefined || isTime(v.retiresAt));
  if (!ok) throw new Error(`malformed signing key record${isString(v.kid) ? ` ${v.kid}` : ''}`);
  const key: StoredSigningKey = {
    kid: v.kid as string,
    alg: 'ES256',
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string },
    sealedPrivateJwk: v.sealedPrivateJwk as string,
    createdAt: v.createdAt as number,
    activatesAt: v.activatesAt as number,
  };
  if (v.retiresAt !== undefined) key.retiresAt = v.retiresAt as number;
  return key;
}

/** Published = in the JWKS and accepted by verify: not yet retired at `nowMs`. */
export function isPublished(key: StoredSigningKey, nowMs: number): boolean {
  return key.retiresAt === undefined || nowMs < key.retiresAt;
}

/**
 * The key to sign with at `nowMs`: among published keys whose `activatesAt` has passed, prefer one
 * not scheduled for retirement (rotation marks the outgoing keys), then the one that activated
 * last (ties: newest `createdAt`, then greatest `kid`, so replicas agree).
 */
export function pickSigningKey(
  keys: readonly StoredSigningKey[],
  nowMs: number,
): StoredSigningKey | undefined {
  let best: StoredSigningKey | undefined;
  for (const key of keys) {
    if (!isPublished(key, nowMs) || key.activatesAt > nowMs) continue;
    if (!best || compareRecency(key, best) > 0) best = key;
  }
  return best;
}

function compareRecency(a: StoredSigningKey, b: StoredSigningKey): number {
  const aCurrent = a.retiresAt === undefined;
  if (aCurrent !== (b.retiresAt === undefined)) return aCurrent ? 1 : -1;
  if (a.activatesAt !== b.activatesAt) return a.activatesAt - b.activatesAt;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0;
}

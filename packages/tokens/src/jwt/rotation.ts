import { type KeyStore, pickSigningKey, type StoredSigningKey } from './key-store.js';
import { generateSigningKey } from './keys.js';
import type { Sealer } from './sealer.js';
import { MAX_TOKEN_LIFETIME_SECONDS } from './types.js';

/**
 * Default publish-then-sign delay, in seconds: 15 minutes, longer than the 10-minute JWKS cache of
 * jose's createRemoteJWKSet (and of most clients), so every verifier has the key before its first
 * token (RFC 7517 section 5; key rollover).
 */
export const DEFAULT_PUBLISH_DELAY_SECONDS = 900;

/**
 * Extra time, in seconds, a rotated-out key stays published beyond its last token's expiry: covers
 * replicas whose cached key list (at most this old) still makes them sign with the previous key.
 */
export const RETIREMENT_MARGIN_SECONDS = 60;

/** How keys are rolled. All durations in seconds; `now` returns epoch milliseconds. */
export interface KeyPolicy {
  keyStore: KeyStore;
  sealer: Sealer;
  now?: () => number;
  /** Time between publishing a new key and signing with it. Default 900. */
  publishDelaySeconds?: number;
  /** Longest token lifetime any signer uses; bounds retirement. Default and maximum 900. */
  maxLifetimeSeconds?: number;
  /** Verifiers' clock tolerance, added to the retirement time. Default 0. */
  clockToleranceSeconds?: number;
}

/** What a rotation did. Times are epoch milliseconds. */
export interface RotationResult {
  /** The new key's kid (published now). */
  kid: string;
  /** When the new key starts signing. */
  activatesAt: number;
  /** The previous keys scheduled for retirement, and when they leave the JWKS. */
  retiring: { kid: string; retiresAt: number }[];
}

/** Validated, defaulted policy numbers. Throws a plain Error on a bad value (a config bug). */
export function resolveKeyPolicy(policy: KeyPolicy): Required<KeyPolicy> {
  const resolved = {
    keyStore: policy.keyStore,
    sealer: policy.sealer,
    now: policy.now ?? Date.now,
    publishDelaySeconds: policy.publishDelaySeconds ?? DEFAULT_PUBLISH_DELAY_SECONDS,
    maxLifetimeSeconds: policy.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS,
    clockToleranceSeconds: policy.clockToleranceSeconds ?? 0,
  };
  const { publishDelaySeconds: delay, maxLifetimeSeconds: life } = resolved;
  const tolerance = resolved.clockToleranceSeconds;
  if (!Number.isInteger(delay) || delay < 0) throw new Error('publishDelaySeconds must be >= 0');
  if (!Number.isInteger(life) || life < 1 || life > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(`maxLifetimeSeconds must be an integer in 1..${MAX_TOKEN_LIFETIME_SECONDS}`);
  }
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 60) {
    throw new Error('clockToleranceSeconds must be an integer in 0..60');
  }
  return resolved;
}

/**
 * Boot step: when no key can sign now, creates one that is published and active at once (there is
 * nothing to roll over from). Returns the signing kid and whether it was created.
 */
export async function ensureSigningKey(
  policy: KeyPolicy,
): Promise<{ kid: string; created: boolean }> {
  const { keyStore, sealer, now } = resolveKeyPolicy(policy);
  const at = now();
  const current = pickSigningKey(await keyStore.list(), at);
  if (current) return { kid: current.kid, created: false };
  const key = await generateSigningKey({ sealer, createdAt: at, activatesAt: at });
  await keyStore.put(key);
  return { kid: key.kid, created: true };
}

/**
 * The core of `portico signing-keys rotate`. Stores a new key that is published now and activates after
 * the publish delay (at once when no key can sign now), then schedules every key not yet retiring
 * to retire once its last token has expired: retiresAt = new activatesAt + (maxLifetime +
 * clockTolerance + RETIREMENT_MARGIN_SECONDS) s. The new key is written first, so a crash in
 * between never leaves the service without a key; the next rotation retires any key left
 * unscheduled. Safe to run from a script while services run; not safe to run twice concurrently.
 * Returns the new kid and the retirement schedule (epoch ms). Rethrows KeyStore errors.
 */
export async function rotateSigningKeys(policy: KeyPolicy): Promise<RotationResult> {
  const p = resolveKeyPolicy(policy);
  const at = p.now();
  const existing = await p.keyStore.list();
  const activatesAt = pickSigningKey(existing, at) ? at + p.publishDelaySeconds * 1000 : at;
  const key = await generateSigningKey({ sealer: p.sealer, createdAt: at, activatesAt });
  await p.keyStore.put(key);

  const lastExpiry = p.maxLifetimeSeconds + p.clockToleranceSeconds + RETIREMENT_MARGIN_SECONDS;
  const retiresAt = activatesAt + lastExpiry * 1000;
  const retiring: RotationResult['retiring'] = [];
  for (const old of existing.filter((k) => k.retiresAt === undefined)) {
    const updated: StoredSigningKey = { ...old, retiresAt };
    await p.keyStore.put(updated);
    retiring.push({ kid: old.kid, retiresAt });
  }
  return { kid: key.kid, activatesAt, retiring };
}

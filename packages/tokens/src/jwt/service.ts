import { createKeyRing } from './key-ring.js';
import { isPublished } from './key-store.js';
import { publishedJwk } from './keys.js';
import {
  ensureSigningKey,
  type KeyPolicy,
  RETIREMENT_MARGIN_SECONDS,
  type RotationResult,
  resolveKeyPolicy,
  rotateSigningKeys,
} from './rotation.js';
import { signToken } from './sign.js';
import type { Jwks, SignInput, VerifiedToken, VerifyOptions } from './types.js';
import { verifyToken } from './verify.js';

/** Options of createTokenService. Durations in seconds; `now` returns epoch milliseconds. */
export interface TokenServiceOptions extends KeyPolicy {
  /** The `iss` of every token signed, and the only one accepted (RFC 8725 section 3.8). */
  issuer: string;
  /** How long the key list is cached in process. Default 30, at most 60. */
  keyCacheSeconds?: number;
}

/** JWT issuing and verification over a KeyStore. See each method for errors. */
export interface TokenService {
  /** Boot step: creates a key active at once when none can sign (see ensureSigningKey). */
  ensureKey(): Promise<{ kid: string; created: boolean }>;
  /** Publishes a new key and schedules the old ones' retirement (see rotateSigningKeys). */
  rotate(): Promise<RotationResult>;
  /** The JWK Set to serve: every published, unretired key, newest activation first. */
  jwks(): Promise<Jwks>;
  /** Signs a token with the current key (see signToken). */
  sign(input: SignInput): Promise<string>;
  /** Verifies a token, pinning ES256, issuer, audience and typ (see verifyToken). */
  verify(token: string, options: VerifyOptions): Promise<VerifiedToken>;
}

/**
 * Creates the token service. Throws a plain Error on bad options (empty issuer, lifetime outside
 * 1..900 s, keyCacheSeconds outside 0..60, see resolveKeyPolicy): a configuration bug.
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const policy = resolveKeyPolicy(options);
  const { issuer } = options;
  if (typeof issuer !== 'string' || issuer.length === 0) throw new Error('issuer is required');
  const cacheSeconds = options.keyCacheSeconds ?? 30;
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0) {
    throw new Error('keyCacheSeconds must be an integer >= 0');
  }
  if (cacheSeconds > RETIREMENT_MARGIN_SECONDS) {
    throw new Error(`keyCacheSeconds must be at most ${RETIREMENT_MARGIN_SECONDS}`);
  }
  const { now, maxLifetimeSeconds, clockToleranceSeconds } = policy;
  const ring = createKeyRing({ ...policy, cacheMs: cacheSeconds * 1000 });
  const ctx = { issuer, now, maxLifetimeSeconds, clockToleranceSeconds, ring };

  // Key writes from one process run one at a time; the ring is reloaded after each.
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(write: () => Promise<T>): Promise<T> => {
    const run = writes.then(write).finally(() => ring.reload());
    writes = run.catch(() => undefined);
    return run;
  };

  return {
    ensureKey: () => serial(() => ensureSigningKey(policy)),
    rotate: () => serial(() => rotateSigningKeys(policy)),
    async jwks(): Promise<Jwks> {
      const at = now();
      const keys = (await ring.keys()).filter((k) => isPublished(k, at));
      keys.sort((a, b) => b.activatesAt - a.activatesAt);
      return { keys: keys.map(publishedJwk) };
    },
    sign: (input) => signToken(ctx, input),
    verify: (token, verifyOptions) => verifyToken(ctx, token, verifyOptions),
  };
}

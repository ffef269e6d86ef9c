import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque refresh tokens (OAuth 2.1 section 4.3, RFC 6749 section 1.5): `prt_` + 43 base64url
 * characters (32 CSPRNG bytes = 256 bits). The auth service stores only the SHA-256 (no salt
 * needed: the input has 256 bits of entropy) and keeps families, rotation and reuse detection.
 */
export const REFRESH_TOKEN_PREFIX = 'prt_';

const RANDOM_BYTES = 32;
const TOKEN_PATTERN = /^prt_[A-Za-z0-9_-]{43}$/;

/** A freshly minted refresh token: give `token` to the client once, store only `hash`. */
export interface MintedRefreshToken {
  token: string;
  /** SHA-256 of the token, lowercase hex (64 chars). */
  hash: string;
}

/** Mints a refresh token from 32 CSPRNG bytes. */
export function mintRefreshToken(): MintedRefreshToken {
  const token = REFRESH_TOKEN_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/** SHA-256 of a refresh token as lowercase hex: the only form stored or looked up. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `token` has the `prt_` shape (cheap check before any store read). */
export function isWellFormedRefreshToken(token: string): boolean {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 section 4.1: 43..128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~". */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge is base64url(SHA-256) without padding: exactly 43 characters. */
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** True when `verifier` is a valid code_verifier (RFC 7636 section 4.1). */
export function isValidPkceVerifier(verifier: string): boolean {
  return typeof verifier === 'string' && VERIFIER_PATTERN.test(verifier);
}

/**
 * The S256 code_challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))), RFC 7636 section 4.2.
 * Throws a plain Error when the verifier is not valid (callers check with isValidPkceVerifier).
 */
export function pkceChallengeS256(verifier: string): string {
  if (!isValidPkceVerifier(verifier)) throw new Error('invalid PKCE code_verifier');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Token-endpoint check of RFC 7636 section 4.6, S256 only (`plain` is not supported, OAuth 2.1
 * section 4.1.1): false when the verifier is malformed, the challenge is not a 43-character
 * base64url string, or they do not match. The comparison is constant time.
 */
export function verifyPkceS256(verifier: string, challenge: string): boolean {
  if (!isValidPkceVerifier(verifier)) return false;
  if (typeof challenge !== 'string' || !CHALLENGE_PATTERN.test(challenge)) return false;
  const computed = Buffer.from(pkceChallengeS256(verifier), 'ascii');
  return timingSafeEqual(computed, Buffer.from(challenge, 'ascii'));
}

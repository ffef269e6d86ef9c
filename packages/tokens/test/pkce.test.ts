import { describe, expect, it } from 'vitest';
import { isValidPkceVerifier, pkceChallengeS256, verifyPkceS256 } from '../src/index.js';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256 (RFC 7636)', () => {
  it('accepts the right verifier (RFC 7636 Appendix B)', () => {
    expect(pkceChallengeS256(VERIFIER)).toBe(CHALLENGE);
    expect(verifyPkceS256(VERIFIER, CHALLENGE)).toBe(true);
  });

  it('rejects a wrong verifier, even one character off', () => {
    const oneOff = `${VERIFIER.slice(0, -1)}${VERIFIER.endsWith('k') ? 'j' : 'k'}`;
    expect(verifyPkceS256(oneOff, CHALLENGE)).toBe(false);
    expect(verifyPkceS256('a'.repeat(43), CHALLENGE)).toBe(false);
  });

  it('rejects the plain method (challenge equal to the verifier)', () => {
    expect(verifyPkceS256(VERIFIER, VERIFIER)).toBe(false);
  });

  it('rejects verifiers outside 43..128 characters or the unreserved charset', () => {
    expect(isValidPkceVerifier('a'.repeat(42))).toBe(false);
    expect(isValidPkceVerifier('a'.repeat(43))).toBe(true);
    expect(isValidPkceVerifier('a'.repeat(128))).toBe(true);
    expect(isValidPkceVerifier('a'.repeat(129))).toBe(false);
    expect(isValidPkceVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isValidPkceVerifier(`${'a'.repeat(42)}=`)).toBe(false);
    const long = 'a'.repeat(129);
    expect(verifyPkceS256(long, CHALLENGE)).toBe(false);
    expect(() => pkceChallengeS256('short')).toThrow();
  });

  it('rejects malformed challenges without throwing', () => {
    expect(verifyPkceS256(VERIFIER, `${CHALLENGE}=`)).toBe(false);
    expect(verifyPkceS256(VERIFIER, CHALLENGE.slice(1))).toBe(false);
    expect(verifyPkceS256(VERIFIER, '')).toBe(false);
  });
});

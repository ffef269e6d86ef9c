import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashRefreshToken, isWellFormedRefreshToken, mintRefreshToken } from '../src/index.js';

describe('opaque refresh tokens', () => {
  it('mints unique prt_ tokens carrying 256 random bits', () => {
    const minted = Array.from({ length: 1000 }, () => mintRefreshToken());
    expect(new Set(minted.map((m) => m.token)).size).toBe(1000);
    expect(new Set(minted.map((m) => m.hash)).size).toBe(1000);
    for (const { token } of minted.slice(0, 20)) {
      expect(token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
      expect(isWellFormedRefreshToken(token)).toBe(true);
    }
  });

  it('returns for storage only the SHA-256 of the token, never the token', () => {
    const { token, hash } = mintRefreshToken();
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toBe(hashRefreshToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(4, 20));
  });

  it('tells well-formed tokens from others', () => {
    const { token } = mintRefreshToken();
    expect(isWellFormedRefreshToken(`${token}x`)).toBe(false);
    expect(isWellFormedRefreshToken(token.replace('prt_', 'ptk_'))).toBe(false);
    expect(isWellFormedRefreshToken('')).toBe(false);
  });
});

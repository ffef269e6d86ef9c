import { describe, expect, it } from 'vitest';
import { hashApiKey, isWellFormedApiKey, mintApiKey } from '../src/index.js';

describe('api keys', () => {
  it('mints well-formed, unique keys whose hash is their SHA-256', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    expect(a.key).toMatch(/^ptk_[0-9A-Za-z]{28}$/);
    expect(a.key).not.toBe(b.key);
    expect(isWellFormedApiKey(a.key)).toBe(true);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hint).toBe(`ptk_…${a.key.slice(-4)}`);
  });

  it('rejects a key with one character changed (checksum)', () => {
    const { key } = mintApiKey();
    const i = 10;
    const flipped = key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1);
    expect(isWellFormedApiKey(flipped)).toBe(false);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey(key.replace('ptk_', 'ptx_'))).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../src/crypto.js';
import { isId, loadOrCreateKek, newId } from '../src/index.js';

describe('loadOrCreateKek', () => {
  it('creates a 32-byte key with mode 0600 and loads the same key again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kek-'));
    const path = join(dir, 'nested', 'kek');
    const [a, b] = await Promise.all([loadOrCreateKek(path), loadOrCreateKek(path)]);
    expect(a.length).toBe(32);
    expect(b.equals(a)).toBe(true);
    expect((await loadOrCreateKek(path)).equals(a)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that does not hold a 32-byte key', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'kek-')), 'kek');
    await writeFile(path, 'too short');
    await expect(loadOrCreateKek(path)).rejects.toThrow(/32-byte/);
  });
});

describe('seal/open', () => {
  it('round-trips and fails with another AAD or key', () => {
    const kek = randomBytes(32);
    const sealed = seal(kek, 'secret', 'aad-1');
    expect(open(kek, sealed, 'aad-1')).toBe('secret');
    expect(() => open(kek, sealed, 'aad-2')).toThrow(/failed authentication/);
    expect(() => open(randomBytes(32), sealed, 'aad-1')).toThrow(/failed authentication/);
  });
});

describe('ids', () => {
  it('are prefixed, well-formed and sort by creation time', () => {
    const a = newId('server', 1_000);
    const b = newId('server', 2_000);
    expect(a.startsWith('srv_')).toBe(true);
    expect(isId('server', a)).toBe(true);
    expect(isId('org', a)).toBe(false);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId('apiKey'))).size).toBe(1000);
  });
});

import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PorticoError } from '@portico/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAesGcmSealer,
  createFileKeyStore,
  createTokenService,
  generateSigningKey,
  signingKeyAad,
} from '../src/index.js';
import { accessToken, ISSUER, type Setup, setup } from './helpers.js';

describe('signing keys at rest', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
    await s.service.ensureKey();
    await s.service.rotate();
  });
  afterEach(() => s.cleanup());

  it('never writes private key material in plaintext to the key file', async () => {
    const text = await readFile(s.keyFile, 'utf8');
    const stored = await s.keyStore.list();
    expect(stored).toHaveLength(2);
    for (const key of stored) {
      const privateJwk = JSON.parse(
        await s.sealer.open(key.sealedPrivateJwk, signingKeyAad(key.kid)),
      );
      expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(text).not.toContain(privateJwk.d);
      expect(text).not.toContain(Buffer.from(privateJwk.d, 'base64url').toString('base64'));
      expect(text).not.toContain(Buffer.from(privateJwk.d, 'base64url').toString('hex'));
    }
    expect(text).not.toMatch(/"d"\s*:/);
  });

  it('keeps the key file owner-only (0600) in an owner-only folder (0700)', async () => {
    expect((await stat(s.keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(s.keyFile))).mode & 0o777).toBe(0o700);
  });

  it('cannot use the keys under another key-encryption key', async () => {
    const thief = createTokenService({
      keyStore: s.keyStore,
      sealer: createAesGcmSealer(randomBytes(32)),
      issuer: ISSUER,
      now: s.clock.now,
    });
    const err = await thief.sign(accessToken()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PorticoError);
    expect((err as PorticoError).code).toBe('INTERNAL');
  });

  it('cannot pair one kid with the sealed private key of another (AAD binds kid)', async () => {
    const file = JSON.parse(await readFile(s.keyFile, 'utf8'));
    const [a, b] = file.keys;
    [a.sealedPrivateJwk, b.sealedPrivateJwk] = [b.sealedPrivateJwk, a.sealedPrivateJwk];
    await writeFile(s.keyFile, JSON.stringify(file));
    const fresh = createTokenService({ ...s, issuer: ISSUER, now: s.clock.now });
    const err = await fresh.sign(accessToken()).catch((e: unknown) => e);
    expect((err as PorticoError).code).toBe('INTERNAL');
  });

  it('stores concurrent puts without losing any (exact count)', async () => {
    const store = createFileKeyStore(`${s.dir}/race/keys.json`);
    const keys = await Promise.all(
      Array.from({ length: 12 }, () =>
        generateSigningKey({ sealer: s.sealer, createdAt: 1, activatesAt: 1 }),
      ),
    );
    await Promise.all(keys.map((k) => store.put(k)));
    const [first] = keys;
    if (!first) throw new Error('no key');
    await store.put({ ...first, retiresAt: 5 }); // an upsert, not a 13th record
    const listed = await createFileKeyStore(`${s.dir}/race/keys.json`).list();
    expect(listed).toHaveLength(12);
    expect(listed.find((k) => k.kid === first.kid)?.retiresAt).toBe(5);
  });

  it('refuses to store a record carrying a private JWK in the clear', async () => {
    const [key] = await s.keyStore.list();
    if (!key) throw new Error('no key');
    const leaky = { ...key, publicJwk: { ...key.publicJwk, d: 'secret' } };
    await expect(s.keyStore.put(leaky)).rejects.toThrow(/malformed signing key record/);
  });
});

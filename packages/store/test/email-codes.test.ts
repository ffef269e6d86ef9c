import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type CodeAudience, MAX_CODE_ATTEMPTS } from '../src/index.js';
import { freshOrg, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const email = (): string => `User.${randomBytes(4).toString('hex')}@Example.com`;

async function member(): Promise<{ kind: 'member'; orgId: string }> {
  return { kind: 'member', orgId: (await freshOrg(store)).orgId };
}

describe('email codes', () => {
  it('stores the normalized address and expires after its TTL, checked on read', async () => {
    const aud = await member();
    const addr = email();
    const rec = await store.emailCodes.put(aud, {
      email: addr,
      codeHmac: 'h1',
      now: T0,
      ttlSeconds: 600,
    });
    expect(rec).toMatchObject({
      email: addr.toLowerCase(),
      attempts: 0,
      audience: `member:${aud.orgId}`,
    });
    expect(rec.expiresAt).toBe(T0.getTime() / 1000 + 600);
    expect(await store.emailCodes.get(aud, addr.toUpperCase(), at(599))).toBeDefined();
    expect(await store.emailCodes.get(aud, addr, at(600))).toBeUndefined();
  });

  it('verifies once, then reports already_used; expired codes report expired', async () => {
    const aud = await member();
    const addr = email();
    await store.emailCodes.put(aud, { email: addr, codeHmac: 'h', now: T0, ttlSeconds: 600 });
    const matches = (h: string): boolean => h === 'h';
    expect(await store.emailCodes.verify(aud, addr, { now: at(1), matches })).toMatchObject({
      ok: true,
    });
    expect(await store.emailCodes.verify(aud, addr, { now: at(2), matches })).toEqual({
      ok: false,
      reason: 'already_used',
    });
    await store.emailCodes.put(aud, { email: addr, codeHmac: 'h', now: T0, ttlSeconds: 600 });
    expect(await store.emailCodes.verify(aud, addr, { now: at(601), matches })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await store.emailCodes.verify(aud, email(), { now: at(1), matches })).toEqual({
      ok: false,
      reason: 'no_code',
    });
  });

  it('kills a code after 5 wrong attempts; a new code replaces it with fresh attempts', async () => {
    const aud = await member();
    const addr = email();
    await store.emailCodes.put(aud, { email: addr, codeHmac: 'right', now: T0, ttlSeconds: 600 });
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const r = await store.emailCodes.verify(aud, addr, { now: at(1), matches: () => false });
      expect(r).toEqual({ ok: false, reason: 'wrong_code' });
    }
    const right = (h: string): boolean => h === 'right';
    expect(await store.emailCodes.verify(aud, addr, { now: at(2), matches: right })).toEqual({
      ok: false,
      reason: 'too_many_attempts',
    });
    await store.emailCodes.put(aud, {
      email: addr,
      codeHmac: 'right',
      now: at(3),
      ttlSeconds: 600,
    });
    expect((await store.emailCodes.verify(aud, addr, { now: at(4), matches: right })).ok).toBe(
      true,
    );
  });

  it('keeps codes of different audiences apart', async () => {
    const aud = await member();
    const a: CodeAudience = { kind: 'enduser', orgId: aud.orgId, serverId: 'srv_a' };
    const b: CodeAudience = { kind: 'enduser', orgId: aud.orgId, serverId: 'srv_b' };
    const addr = email();
    await store.emailCodes.put(a, { email: addr, codeHmac: 'x', now: T0, ttlSeconds: 600 });
    expect(await store.emailCodes.get(b, addr, T0)).toBeUndefined();
    expect(await store.emailCodes.get(aud, addr, T0)).toBeUndefined();
    expect((await store.emailCodes.get(a, addr, T0))?.audience).toBe(`enduser:${aud.orgId}:srv_a`);
  });
});

describe('email codes (race)', () => {
  it('20 parallel verifications of the right code: exactly one succeeds', async () => {
    const aud = await member();
    const addr = email();
    await store.emailCodes.put(aud, { email: addr, codeHmac: 'h', now: T0, ttlSeconds: 600 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.emailCodes.verify(aud, addr, { now: at(1), matches: (h) => h === 'h' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('30 parallel wrong guesses compare at most 5 times', async () => {
    const aud = await member();
    const addr = email();
    await store.emailCodes.put(aud, { email: addr, codeHmac: 'h', now: T0, ttlSeconds: 600 });
    let compared = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        store.emailCodes.verify(aud, addr, {
          now: at(1),
          matches: () => {
            compared++;
            return false;
          },
        }),
      ),
    );
    expect(compared).toBe(MAX_CODE_ATTEMPTS);
    expect(results.filter((r) => !r.ok && r.reason === 'wrong_code')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'too_many_attempts')).toHaveLength(25);
    expect((await store.emailCodes.get(aud, addr, at(1)))?.attempts).toBe(MAX_CODE_ATTEMPTS);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { emailHash, keys } from '../src/index.js';
import { freshOrg, rawItem, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const email = (): string => `New.${randomBytes(4).toString('hex')}@Example.com`;
const signup = { kind: 'signup' } as const;

describe('sign-up codes', () => {
  it('live in a global item of their own, bound to the audience `signup`', async () => {
    const addr = email();
    const rec = await store.emailCodes.put(signup, {
      email: addr,
      codeHmac: 'h',
      now: T0,
      ttlSeconds: 600,
    });
    expect(rec.audience).toBe('signup');
    expect(rec.orgId).toBeUndefined();
    const raw = await rawItem(t, keys.signupCode(emailHash(addr)));
    expect(raw?.codeHmac).toBe('h');
    // A member code of the same address in some org is another item.
    const org = await freshOrg(store);
    expect(await store.emailCodes.get({ kind: 'member', orgId: org.orgId }, addr, T0)).toBe(
      undefined,
    );
  });

  it('10 parallel verifications of one sign-up code: exactly one succeeds', async () => {
    const addr = email();
    await store.emailCodes.put(signup, { email: addr, codeHmac: 'ok', now: T0, ttlSeconds: 600 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.emailCodes.verify(signup, addr, { now: T0, matches: (h) => h === 'ok' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

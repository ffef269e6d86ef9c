import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (ms: number): Date => new Date(T0.getTime() + ms);
const WINDOW = 600_000;
const bucket = (): string => `test:${randomBytes(6).toString('hex')}`;

describe('rate limits (sliding window)', () => {
  it('allows `limit` hits per window, refuses the next, and frees a slot as it slides', async () => {
    const b = bucket();
    const take = (ms: number) =>
      store.rateLimits.take(b, { limit: 3, windowMs: WINDOW, now: at(ms) });
    expect(await take(0)).toEqual({ allowed: true, used: 1, retryAfterMs: 0 });
    expect((await take(1_000)).used).toBe(2);
    expect((await take(2_000)).allowed).toBe(true);
    expect(await take(3_000)).toEqual({ allowed: false, used: 3, retryAfterMs: WINDOW - 3_000 });
    // Sliding, not fixed: at 9:59 after the first hit the window still holds 3.
    expect((await take(WINDOW - 1)).allowed).toBe(false);
    expect((await take(WINDOW)).allowed).toBe(true);
    expect((await take(WINDOW + 10)).allowed).toBe(false);
  });

  it('buckets are independent', async () => {
    const a = bucket();
    await store.rateLimits.take(a, { limit: 1, windowMs: WINDOW, now: T0 });
    expect((await store.rateLimits.take(a, { limit: 1, windowMs: WINDOW, now: T0 })).allowed).toBe(
      false,
    );
    expect(
      (await store.rateLimits.take(bucket(), { limit: 1, windowMs: WINDOW, now: T0 })).allowed,
    ).toBe(true);
  });
});

describe('rate limits (race)', () => {
  it('20 parallel hits on a limit of 3: exactly 3 pass', async () => {
    const b = bucket();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.rateLimits.take(b, { limit: 3, windowMs: WINDOW, now: T0 }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const expiresAt = T0.getTime() / 1000 + 600;

describe('flow states (single use)', () => {
  it('20 parallel consumptions of one flow id: exactly one wins', async () => {
    const flowId = randomBytes(16).toString('base64url');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.flowStates.consume(flowId, { now: T0, expiresAt })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a later consumption of a used flow id is refused; another id is independent', async () => {
    const flowId = randomBytes(16).toString('base64url');
    expect(await store.flowStates.consume(flowId, { now: T0, expiresAt })).toBe(true);
    const later = new Date(T0.getTime() + 65_000);
    expect(await store.flowStates.consume(flowId, { now: later, expiresAt })).toBe(false);
    const other = randomBytes(16).toString('base64url');
    expect(await store.flowStates.consume(other, { now: later, expiresAt })).toBe(true);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { emailHash } from '../src/index.js';
import { authCodeInput, freshOrg, randomHash, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

describe('refresh tokens (race)', () => {
  it('10 parallel rotations of one token: exactly one succeeds, the rest are reuse', async () => {
    const { orgId } = await freshOrg(store);
    const first = await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub: emailHash('ann@example.com') },
      { now: T0, ttlSeconds: 600, maxLifetimeSeconds: 3600 },
    );
    const uses = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.refreshTokens.use(first.tokenHash, randomHash(), { now: T0, ttlSeconds: 600 }),
      ),
    );
    expect(uses.filter((u) => u.ok)).toHaveLength(1);
    expect(uses.filter((u) => !u.ok && u.reason === 'reused')).toHaveLength(9);
  });

  it('10 parallel exchanges of one authorization code: exactly one consumes it', async () => {
    const { orgId } = await freshOrg(store);
    const codeHash = randomHash();
    await store.authCodes.put(authCodeInput(orgId, emailHash('ann@example.com'), codeHash));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.authCodes.consume(codeHash, T0, `rtf_${i}`)),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const familyId = winners[0]?.ok ? winners[0].record.familyId : undefined;
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ reason: 'used', record: { familyId } });
    }
  });
});

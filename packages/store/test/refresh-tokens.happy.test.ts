import { afterAll, describe, expect, it } from 'vitest';
import { emailHash, keys } from '../src/index.js';
import { authCodeInput, freshOrg, randomHash, rawItem, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const sub = emailHash('ann@example.com');

describe('refresh tokens (happy)', () => {
  it('rotates within a family; the old token is then reuse; revocation ends the family', async () => {
    const { orgId } = await freshOrg(store);
    const first = await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub },
      { now: T0, ttlSeconds: 600, maxLifetimeSeconds: 3600 },
    );
    expect(first).toMatchObject({
      kind: 'member',
      orgId,
      sub,
      expiresAt: T0.getTime() / 1000 + 600,
    });
    const index = await rawItem(t, keys.grant(orgId, undefined, sub, first.familyId));
    expect(index).toMatchObject({
      familyId: first.familyId,
      expiresAt: T0.getTime() / 1000 + 3600,
    });

    const nextHash = randomHash();
    const used = await store.refreshTokens.use(first.tokenHash, nextHash, {
      now: at(60),
      ttlSeconds: 600,
    });
    expect(used).toMatchObject({
      ok: true,
      next: { tokenHash: nextHash, familyId: first.familyId },
    });
    const reused = await store.refreshTokens.use(first.tokenHash, randomHash(), {
      now: at(61),
      ttlSeconds: 600,
    });
    expect(reused).toMatchObject({ ok: false, reason: 'reused' });

    expect(
      await store.refreshTokens.revokeFamily(first.familyId, { now: at(62), reason: 'x' }),
    ).toBe(true);
    expect(
      await store.refreshTokens.revokeFamily(first.familyId, { now: at(63), reason: 'y' }),
    ).toBe(false);
    const after = await store.refreshTokens.use(nextHash, randomHash(), {
      now: at(64),
      ttlSeconds: 600,
    });
    expect(after).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('caps a family at its max lifetime: rotation never extends past it', async () => {
    const { orgId } = await freshOrg(store);
    const first = await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub },
      { now: T0, ttlSeconds: 600, maxLifetimeSeconds: 900 },
    );
    const second = await store.refreshTokens.use(first.tokenHash, randomHash(), {
      now: at(500),
      ttlSeconds: 600,
    });
    if (!second.ok) throw new Error('rotation failed');
    expect(second.next.expiresAt).toBe(T0.getTime() / 1000 + 900);
    const late = await store.refreshTokens.use(second.next.tokenHash, randomHash(), {
      now: at(900),
      ttlSeconds: 600,
    });
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('a family revoked before it is issued (code replay first) cannot be issued', async () => {
    const { orgId } = await freshOrg(store);
    const familyId = `rtf_${randomHash().slice(0, 25)}`;
    expect(
      await store.refreshTokens.revokeFamily(familyId, { now: T0, reason: 'code_replayed' }),
    ).toBe(true);
    const tokenHash = randomHash();
    await expect(
      store.refreshTokens.issue(
        { kind: 'member', tokenHash, orgId, sub },
        { now: T0, ttlSeconds: 600, maxLifetimeSeconds: 900, familyId },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.refreshTokens.get(tokenHash)).toBeUndefined();
  });

  it('authorization codes: consumed once with the family to issue; a replay returns it', async () => {
    const { orgId } = await freshOrg(store);
    const codeHash = randomHash();
    await store.authCodes.put(authCodeInput(orgId, sub, codeHash));
    const first = await store.authCodes.consume(codeHash, at(5), 'rtf_first');
    expect(first).toMatchObject({ ok: true, record: { familyId: 'rtf_first', sub } });
    const replay = await store.authCodes.consume(codeHash, at(6), 'rtf_second');
    expect(replay).toMatchObject({ ok: false, reason: 'used', record: { familyId: 'rtf_first' } });

    const late = randomHash();
    await store.authCodes.put(authCodeInput(orgId, sub, late));
    expect(await store.authCodes.consume(late, at(60), 'rtf_late')).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await store.authCodes.consume(randomHash(), at(1), 'rtf_x')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { emailHash, keys, type RefreshTokenGrant } from '../src/index.js';
import { authCodeInput, freshOrg, randomHash, rawItem, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const LIFE = { now: T0, ttlSeconds: 3600, maxLifetimeSeconds: 86_400 };

function endUserGrant(orgId: string, serverId: string, sub: string): RefreshTokenGrant {
  return {
    kind: 'enduser',
    tokenHash: randomHash(),
    clientId: 'cli_test',
    resource: `https://portico.test/s/${serverId}/mcp`,
    orgId,
    serverId,
    sub,
    scope: 'tools:read',
  };
}

describe('global OAuth items (security)', () => {
  it('authorization codes, refresh tokens and families hold ids, never an address', async () => {
    const { orgId } = await freshOrg(store);
    const email = 'Ann.Person@Example.com';
    const sub = emailHash(email);
    const codeHash = randomHash();
    await store.authCodes.put({
      ...authCodeInput(orgId, sub, codeHash),
      scope: 'tools:read tools:call',
    });
    await store.authCodes.consume(codeHash, T0, 'rtf_fromcode');
    const enduser = await store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', sub), LIFE);
    const member = await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub },
      LIFE,
    );
    const rotated = await store.refreshTokens.use(member.tokenHash, randomHash(), {
      now: T0,
      ttlSeconds: 3600,
    });
    expect(rotated.ok).toBe(true);

    const items = [
      await rawItem(t, keys.authCode(codeHash)),
      await rawItem(t, keys.refreshToken(enduser.tokenHash)),
      await rawItem(t, keys.refreshFamily(enduser.familyId)),
      await rawItem(t, keys.refreshToken(member.tokenHash)),
      rotated.ok ? await rawItem(t, keys.refreshToken(rotated.next.tokenHash)) : undefined,
      await rawItem(t, keys.refreshFamily(member.familyId)),
    ];
    for (const item of items) {
      expect(item).toBeDefined();
      expect(item?.sub).toBe(sub);
      expect(JSON.stringify(item)).not.toContain('@');
      expect(JSON.stringify(item).toLowerCase()).not.toContain('ann.person');
    }
  });

  it('refuses an address as sub (a bug, thrown before anything is written)', async () => {
    const { orgId } = await freshOrg(store);
    await expect(
      store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', 'ann@example.com'), LIFE),
    ).rejects.toThrow(/sub/);
    await expect(store.authCodes.put(authCodeInput(orgId, 'ann@example.com'))).rejects.toThrow(
      /sub/,
    );
  });

  it('revokeSubject revokes exactly that subject’s families at that server (or its sessions)', async () => {
    const { orgId } = await freshOrg(store);
    const other = await freshOrg(store);
    const ann = emailHash('ann@example.com');
    const bo = emailHash('bo@example.com');
    const annA1 = await store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', ann), LIFE);
    const annA2 = await store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', ann), LIFE);
    const annB = await store.refreshTokens.issue(endUserGrant(orgId, 'srv_b', ann), LIFE);
    const boA = await store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', bo), LIFE);
    const annMember = await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub: ann },
      LIFE,
    );
    const annElsewhere = await store.refreshTokens.issue(
      endUserGrant(other.orgId, 'srv_a', ann),
      LIFE,
    );
    // One of Ann's families was already revoked (reuse): not counted again.
    await store.refreshTokens.revokeFamily(annA2.familyId, { now: T0, reason: 'reuse' });

    const opts = { now: T0, reason: 'end_user_deleted' };
    expect(
      await store.refreshTokens.revokeSubject({ orgId, serverId: 'srv_a', sub: ann }, opts),
    ).toBe(1);
    const family = async (id: string) => (await store.refreshTokens.getFamily(id))?.revokedReason;
    expect(await family(annA1.familyId)).toBe('end_user_deleted');
    expect(await family(annA2.familyId)).toBe('reuse');
    for (const alive of [annB, boA, annMember, annElsewhere]) {
      expect(await family(alive.familyId)).toBeUndefined();
      const use = await store.refreshTokens.use(alive.tokenHash, randomHash(), {
        now: T0,
        ttlSeconds: 60,
      });
      expect(use.ok).toBe(true);
    }
    expect(
      await store.refreshTokens.revokeSubject({ orgId, serverId: 'srv_a', sub: ann }, opts),
    ).toBe(0);
    expect(await store.refreshTokens.revokeSubject({ orgId, sub: ann }, opts)).toBe(1);
    expect(await family(annMember.familyId)).toBe('end_user_deleted');
    expect(await family(annB.familyId)).toBeUndefined();
  });

  it('grant index items stay out of the end-user and member listings', async () => {
    const { orgId } = await freshOrg(store);
    const { endUserId } = await store.endUsers.recordLogin(orgId, 'srv_a', 'ann@example.com', T0);
    await store.refreshTokens.issue(endUserGrant(orgId, 'srv_a', endUserId), LIFE);
    await store.refreshTokens.issue(
      { kind: 'member', tokenHash: randomHash(), orgId, sub: endUserId },
      LIFE,
    );
    expect((await store.endUsers.list(orgId, 'srv_a')).items.map((u) => u.endUserId)).toEqual([
      endUserId,
    ]);
    expect((await store.members.list(orgId)).items).toEqual([]);
  });
});

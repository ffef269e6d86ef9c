import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient, createStore, type StorageLimits } from '../src/index.js';
import { testStore } from './helpers.js';
import {
  chunkKeys,
  freshServer,
  randomInput,
  storedBytesOf,
  versionInput,
} from './storage-helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

/**
 * A store over the same table whose DynamoDB client fails the next TransactWriteItems call
 * (`arm()`), as a lost connection or an internal error would: the SDK's own middleware stack, a
 * real table behind it.
 */
function faultyStore() {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  let armed = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (armed && context.commandName === 'TransactWriteItemsCommand') {
        armed = false;
        throw Object.assign(new Error('injected fault'), { name: 'InternalServerError' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectFault' },
  );
  return {
    store: createStore({ client, tableName: t.tableName, kek: randomBytes(32) }),
    arm: () => {
      armed = true;
    },
    close: () => client.destroy(),
  };
}

describe('storage limits: bytes per org', () => {
  it('refuses a version over the cap with STORAGE_LIMIT (413) and stores nothing', async () => {
    const { orgId, serverId } = await freshServer(store);
    const first = await store.specs.addVersion(orgId, serverId, randomInput(5000));
    await store.servers.activateVersion(orgId, serverId, first.version.versionId);
    const used = await store.specs.storedBytes(orgId);
    const limits: StorageLimits = { maxVersionsPerServer: 5, maxStoredBytesPerOrg: used + 1000 };
    const chunksBefore = await chunkKeys(t, orgId, serverId);

    const err = await store.specs
      .addVersion(orgId, serverId, randomInput(5000), limits)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'STORAGE_LIMIT',
      details: { limitBytes: used + 1000, storedBytes: used },
    });
    expect((err as { details: { versionBytes: number } }).details.versionBytes).toBeGreaterThan(
      1000,
    );
    expect(await store.specs.storedBytes(orgId)).toBe(used);
    expect(await store.specs.listVersions(orgId, serverId)).toHaveLength(1);
    expect(await chunkKeys(t, orgId, serverId)).toEqual(chunksBefore);
    expect((await store.servers.get(orgId, serverId))?.activeVersionId).toBe(
      first.version.versionId,
    );
  });

  it('admits a version that fits because pruning frees room in the same write', async () => {
    const { orgId, serverId } = await freshServer(store);
    await store.specs.addVersion(orgId, serverId, versionInput(5000));
    const one = await store.specs.storedBytes(orgId);
    const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 2 * one };
    await store.specs.addVersion(orgId, serverId, versionInput(5000), limits);
    const third = await store.specs.addVersion(orgId, serverId, versionInput(5000), limits);
    expect(third.pruned).toHaveLength(1);
    expect(await store.specs.storedBytes(orgId)).toBe(2 * one);
  });

  it('a write that fails leaves the counter and the chunks as they were (one transaction)', async () => {
    const faulty = faultyStore();
    try {
      const { orgId, serverId } = await freshServer(store);
      const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 10_000_000 };
      for (let i = 0; i < 2; i++)
        await store.specs.addVersion(orgId, serverId, randomInput(3000), limits);
      const used = await store.specs.storedBytes(orgId);
      const versions = await store.specs.listVersions(orgId, serverId);
      const chunks = await chunkKeys(t, orgId, serverId);
      faulty.arm();
      await expect(
        faulty.store.specs.addVersion(orgId, serverId, randomInput(3000), limits),
      ).rejects.toThrow('injected fault');
      expect(await store.specs.storedBytes(orgId)).toBe(used);
      expect(await store.specs.listVersions(orgId, serverId)).toEqual(versions);
      expect(await chunkKeys(t, orgId, serverId)).toEqual(chunks);
      expect(used).toBe(await storedBytesOf(t, orgId, serverId));
    } finally {
      faulty.close();
    }
  });

  it('a failed write of a version too big for one transaction deletes the chunks it wrote ahead', async () => {
    const faulty = faultyStore();
    try {
      const { orgId, serverId } = await freshServer(store);
      await store.specs.addVersion(orgId, serverId, randomInput(100));
      const used = await store.specs.storedBytes(orgId);
      const chunks = await chunkKeys(t, orgId, serverId);
      faulty.arm();
      await expect(
        faulty.store.specs.addVersion(orgId, serverId, randomInput(4_000_000)),
      ).rejects.toThrow('injected fault');
      expect(await store.specs.storedBytes(orgId)).toBe(used);
      expect(await chunkKeys(t, orgId, serverId)).toEqual(chunks);
      expect(await store.specs.listVersions(orgId, serverId)).toHaveLength(1);
    } finally {
      faulty.close();
    }
  });

  it('refuses an over-cap version before writing chunks ahead, and on a missing server says NOT_FOUND', async () => {
    const { orgId, serverId } = await freshServer(store);
    const limits: StorageLimits = { maxVersionsPerServer: 5, maxStoredBytesPerOrg: 1_000_000 };
    await expect(
      store.specs.addVersion(orgId, serverId, randomInput(4_000_000), limits),
    ).rejects.toMatchObject({ code: 'STORAGE_LIMIT' });
    expect(await chunkKeys(t, orgId, serverId)).toEqual([]);
    expect(await store.specs.storedBytes(orgId)).toBe(0);
    await expect(
      store.specs.addVersion(orgId, 'srv_missing', randomInput(10), limits),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORAGE_LIMITS, keys, type StorageLimits } from '../src/index.js';
import { testStore } from './helpers.js';
import { freshServer, randomInput, storedBytesOf, versionsWithChunks } from './storage-helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const THREE: StorageLimits = { maxVersionsPerServer: 3, maxStoredBytesPerOrg: 10_000_000 };

describe('storage limits: versions kept per server', () => {
  it('defaults fit real use: 20 versions, 256 MiB per org', () => {
    expect(DEFAULT_STORAGE_LIMITS).toEqual({
      maxVersionsPerServer: 20,
      maxStoredBytesPerOrg: 256 * 1024 * 1024,
    });
  });

  it('prunes the oldest inactive versions, never the active one, chunks included; the counter follows', async () => {
    const { orgId, serverId } = await freshServer(store);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { version, pruned } = await store.specs.addVersion(
        orgId,
        serverId,
        randomInput(4000),
        THREE,
      );
      expect(pruned).toEqual([]);
      ids.push(version.versionId);
    }
    // The oldest is active: the next upload prunes the second-oldest instead.
    await store.servers.activateVersion(orgId, serverId, ids[0] as string);
    const fourth = await store.specs.addVersion(orgId, serverId, randomInput(4000), THREE);
    expect(fourth.pruned).toEqual([ids[1]]);
    const fifth = await store.specs.addVersion(orgId, serverId, randomInput(4000), THREE);
    expect(fifth.pruned).toEqual([ids[2]]);

    const kept = (await store.specs.listVersions(orgId, serverId)).map((v) => v.versionId);
    expect(kept).toEqual([ids[0], fourth.version.versionId, fifth.version.versionId]);
    expect(await versionsWithChunks(t, orgId, serverId)).toEqual([...kept].sort());
    expect(await store.specs.getVersion(orgId, serverId, ids[1] as string)).toBeUndefined();
    expect(await store.specs.getManifest(orgId, serverId, ids[0] as string)).toBeDefined();
    expect((await store.servers.get(orgId, serverId))?.activeVersionId).toBe(ids[0]);
    expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
  });

  it('counts the org over all its servers, exactly, through uploads and prunes', async () => {
    const a = await freshServer(store);
    const b = await freshServer(store, a.orgId);
    const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 10_000_000 };
    for (let i = 0; i < 6; i++) {
      const target = i % 2 === 0 ? a : b;
      await store.specs.addVersion(a.orgId, target.serverId, randomInput(1000 + i * 500), limits);
    }
    expect(await store.specs.listVersions(a.orgId, a.serverId)).toHaveLength(2);
    expect(await store.specs.listVersions(a.orgId, b.serverId)).toHaveLength(2);
    const expected =
      (await storedBytesOf(t, a.orgId, a.serverId)) + (await storedBytesOf(t, a.orgId, b.serverId));
    expect(expected).toBeGreaterThan(4 * 1000);
    expect(await store.specs.storedBytes(a.orgId)).toBe(expected);
  });

  it('prunes the chunks of a version too big for one transaction', async () => {
    const { orgId, serverId } = await freshServer(store);
    const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 100_000_000 };
    // Random bytes do not compress: 4 MB is 14 chunks of 300 KiB, more than one transaction holds.
    const big = await store.specs.addVersion(orgId, serverId, randomInput(4_000_000), limits);
    await store.servers.activateVersion(orgId, serverId, big.version.versionId);
    await store.specs.addVersion(orgId, serverId, randomInput(100), limits);
    await store.servers.activateVersion(
      orgId,
      serverId,
      (await store.specs.listVersions(orgId, serverId))[1]?.versionId as string,
    );
    const third = await store.specs.addVersion(orgId, serverId, randomInput(100), limits);
    expect(third.pruned).toEqual([big.version.versionId]);
    expect(await versionsWithChunks(t, orgId, serverId)).not.toContain(big.version.versionId);
    expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
  });

  it('counts versions stored before accounting existed when the counter is first made', async () => {
    const { orgId, serverId } = await freshServer(store);
    await store.specs.addVersion(orgId, serverId, randomInput(3000), THREE);
    // As a table from before accounting: versions, but no counter item.
    await DynamoDBDocumentClient.from(t.client).send(
      new DeleteCommand({ TableName: t.tableName, Key: keys.storage(orgId) }),
    );
    expect(await store.specs.storedBytes(orgId)).toBe(0);
    await store.specs.addVersion(orgId, serverId, randomInput(3000), THREE);
    expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
  });
});

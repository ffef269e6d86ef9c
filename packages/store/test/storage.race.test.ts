import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient, createStore, type StorageLimits } from '../src/index.js';
import { testStore } from './helpers.js';
import { freshServer, storedBytesOf, versionInput } from './storage-helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

describe('storage limits under concurrency', () => {
  it('of concurrent uploads near the byte cap, exactly as many pass as fit', async () => {
    const { orgId, serverId: first } = await freshServer(store);
    // Same input, same stored size: measure one.
    await store.specs.addVersion(orgId, first, versionInput(20_000, 'r'));
    const size = await store.specs.storedBytes(orgId);
    const servers = [first];
    for (let i = 0; i < 4; i++) servers.push((await freshServer(store, orgId)).serverId);
    // Room for two more of the five concurrent uploads (to five servers, and two to one server).
    const limits: StorageLimits = {
      maxVersionsPerServer: 20,
      maxStoredBytesPerOrg: 3 * size + size / 2,
    };
    const targets = [...servers, first];
    const results = await Promise.allSettled(
      targets.map((serverId) =>
        store.specs.addVersion(orgId, serverId, versionInput(20_000, 'r'), limits),
      ),
    );
    const passed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'STORAGE_LIMIT',
    );
    expect(passed).toHaveLength(2);
    expect(refused).toHaveLength(targets.length - 2);
    expect(await store.specs.storedBytes(orgId)).toBe(3 * size);
    let listed = 0;
    for (const serverId of servers) listed += await storedBytesOf(t, orgId, serverId);
    expect(listed).toBe(3 * size);
  });

  it('concurrent uploads to one server keep exactly maxVersionsPerServer versions', async () => {
    const { orgId, serverId } = await freshServer(store);
    const limits: StorageLimits = { maxVersionsPerServer: 3, maxStoredBytesPerOrg: 10_000_000 };
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        store.specs.addVersion(orgId, serverId, versionInput(3000, String(i)), limits),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await store.specs.listVersions(orgId, serverId)).toHaveLength(3);
    expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
  });

  it('an activation racing a prune never leaves the server without its active version', async () => {
    const { orgId, serverId } = await freshServer(store);
    const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 10_000_000 };
    const first = await store.specs.addVersion(orgId, serverId, versionInput(2000, 'a'), limits);
    await store.servers.activateVersion(orgId, serverId, first.version.versionId);
    let activated = 0;
    let gone = 0;
    for (let round = 0; round < 8; round++) {
      await store.specs.addVersion(orgId, serverId, versionInput(2000, String(round)), limits);
      const server = await store.servers.get(orgId, serverId);
      const inactive = (await store.specs.listVersions(orgId, serverId)).find(
        (v) => v.versionId !== server?.activeVersionId,
      );
      expect(inactive).toBeDefined();
      // The next upload prunes `inactive` unless the activation commits first.
      const [activation, upload] = await Promise.allSettled([
        store.servers.activateVersion(orgId, serverId, inactive?.versionId as string),
        store.specs.addVersion(orgId, serverId, versionInput(2000, `u${round}`), limits),
      ]);
      expect(upload.status).toBe('fulfilled');
      if (activation.status === 'fulfilled') activated += 1;
      else {
        expect(activation.reason).toMatchObject({ code: 'NOT_FOUND' });
        gone += 1;
      }
      const active = (await store.servers.get(orgId, serverId))?.activeVersionId as string;
      expect(await store.specs.getVersion(orgId, serverId, active)).toBeDefined();
      expect(await store.specs.getManifest(orgId, serverId, active)).toBeDefined();
      expect(await store.specs.listVersions(orgId, serverId)).toHaveLength(2);
      expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
    }
    expect(activated + gone).toBe(8);
  });

  it('an activation committed between the prune plan and its write is seen: the write re-plans', async () => {
    // A store whose next TransactWriteItems first lets `hook` run: deterministic interleaving.
    const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
    let hook: (() => Promise<unknown>) | undefined;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && hook) {
          const run = hook;
          hook = undefined;
          await run();
        }
        return next(args);
      },
      { step: 'initialize', name: 'interleave' },
    );
    const racing = createStore({ client, tableName: t.tableName, kek: randomBytes(32) });
    try {
      const { orgId, serverId } = await freshServer(store);
      const limits: StorageLimits = { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 10_000_000 };
      const a = await store.specs.addVersion(orgId, serverId, versionInput(2000, 'a'), limits);
      const b = await store.specs.addVersion(orgId, serverId, versionInput(2000, 'b'), limits);
      await store.servers.activateVersion(orgId, serverId, a.version.versionId);
      // The upload plans to prune b (oldest inactive); b is activated before its write commits.
      hook = () => store.servers.activateVersion(orgId, serverId, b.version.versionId);
      const c = await racing.specs.addVersion(orgId, serverId, versionInput(2000, 'c'), limits);
      expect(c.pruned).toEqual([a.version.versionId]);
      expect((await store.servers.get(orgId, serverId))?.activeVersionId).toBe(b.version.versionId);
      expect(await store.specs.getManifest(orgId, serverId, b.version.versionId)).toBeDefined();
      expect(await store.specs.storedBytes(orgId)).toBe(await storedBytesOf(t, orgId, serverId));
    } finally {
      client.destroy();
    }
  });
});

import type { ToolConfig } from '@portico/openapi-to-mcp';
import { afterAll, describe, expect, it } from 'vitest';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const CONFIG: ToolConfig = {
  mode: 'dynamic',
  selection: { include: [{ tag: 'pets' }], exclude: [{ method: 'delete', path: '/pets/*' }] },
  overrides: { findPets: { name: 'search_pets', description: 'Find pets by tag.' } },
};

async function freshServer(): Promise<{ orgId: string; serverId: string; slug: string }> {
  const org = await freshOrg(store);
  const server = await store.servers.create(org.orgId, {
    slug: uniqueSlug(),
    name: 'cfg',
    access: 'public',
  });
  return { orgId: org.orgId, serverId: server.serverId, slug: server.slug };
}

describe('tool configurations', () => {
  it('is absent until written, then round-trips and bumps the server record version', async () => {
    const { orgId, serverId, slug } = await freshServer();
    expect(await store.toolConfigs.get(orgId, serverId)).toBeUndefined();
    expect((await store.servers.get(orgId, serverId))?.toolConfigVersion).toBeUndefined();

    const first = await store.toolConfigs.put(orgId, serverId, CONFIG);
    expect(first).toMatchObject({ ...CONFIG, version: 1 });
    expect(await store.toolConfigs.get(orgId, serverId)).toEqual(first);
    const server = await store.servers.getBySlug(slug);
    expect(server?.toolConfigVersion).toBe(1);
    expect(server?.updatedAt).toBe(first.updatedAt);

    const second = await store.toolConfigs.put(orgId, serverId, {
      mode: 'all',
      selection: {},
      overrides: {},
    });
    expect(second.version).toBe(2);
    expect(await store.toolConfigs.get(orgId, serverId)).toMatchObject({ mode: 'all', version: 2 });
  });

  it('gives concurrent writers distinct versions, the record ending at the highest', async () => {
    const { orgId, serverId } = await freshServer();
    const written = await Promise.all(
      Array.from({ length: 5 }, () => store.toolConfigs.put(orgId, serverId, CONFIG)),
    );
    expect(written.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await store.servers.get(orgId, serverId))?.toolConfigVersion).toBe(5);
    expect((await store.toolConfigs.get(orgId, serverId))?.version).toBe(5);
  });

  it("is NOT_FOUND for a missing server and invisible to another org's ids", async () => {
    const { orgId, serverId } = await freshServer();
    await store.toolConfigs.put(orgId, serverId, CONFIG);
    const other = await freshOrg(store);
    await expect(store.toolConfigs.put(other.orgId, serverId, CONFIG)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await store.toolConfigs.get(other.orgId, serverId)).toBeUndefined();
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const manifest = {
  manifestVersion: 1 as const,
  info: { title: 'T', version: '1', specVersion: '3.0.3' },
  servers: [],
  tools: [],
};
const report = {
  specVersion: '3.0.3',
  format: 'json' as const,
  counts: { operations: 0, converted: 0, renamed: 0, skipped: 0 },
  operations: [],
  warnings: [],
  toolCount: 0,
  toolListTokens: 0,
  recommendation: { dynamicMode: false, reason: 'test' },
};

describe('servers', () => {
  it('creates, reads, lists and updates a server', async () => {
    const org = await freshOrg(store);
    const slug = uniqueSlug();
    const server = await store.servers.create(org.orgId, { slug, name: 'Pets', access: 'api_key' });
    expect(server.serverId).toMatch(/^srv_/);
    expect(await store.servers.get(org.orgId, server.serverId)).toEqual(server);
    expect(await store.servers.getBySlug(slug)).toEqual(server);
    expect(await store.servers.list(org.orgId)).toEqual([server]);
    const updated = await store.servers.update(org.orgId, server.serverId, { access: 'public' });
    expect(updated).toMatchObject({ name: 'Pets', access: 'public', slug });
    expect(await store.servers.getBySlug(slug)).toEqual(updated);
  });

  it('does not show a server to another org', async () => {
    const org = await freshOrg(store);
    const other = await freshOrg(store);
    const server = await store.servers.create(org.orgId, {
      slug: uniqueSlug(),
      name: 'x',
      access: 'public',
    });
    expect(await store.servers.get(other.orgId, server.serverId)).toBeUndefined();
    expect(await store.servers.list(other.orgId)).toEqual([]);
    await expect(
      store.servers.update(other.orgId, server.serverId, { name: 'stolen' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a taken slug, also across orgs', async () => {
    const org = await freshOrg(store);
    const other = await freshOrg(store);
    const slug = uniqueSlug();
    await store.servers.create(org.orgId, { slug, name: 'a', access: 'public' });
    await expect(
      store.servers.create(other.orgId, { slug, name: 'b', access: 'public' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.servers.list(other.orgId)).toEqual([]);
  });

  it('lets exactly one of 10 parallel creates of one slug win', async () => {
    const orgs = await Promise.all(Array.from({ length: 10 }, () => freshOrg(store)));
    const slug = uniqueSlug('race');
    const results = await Promise.allSettled(
      orgs.map((o) => store.servers.create(o.orgId, { slug, name: 'r', access: 'public' })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const r of lost)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const winner = (won[0] as PromiseFulfilledResult<{ orgId: string; serverId: string }>).value;
    expect((await store.servers.getBySlug(slug))?.serverId).toBe(winner.serverId);
    const counts = await Promise.all(orgs.map((o) => store.servers.list(o.orgId)));
    expect(counts.flat()).toHaveLength(1);
  });

  it('rejects a malformed slug', async () => {
    const org = await freshOrg(store);
    await expect(
      store.servers.create(org.orgId, { slug: 'Bad_Slug', name: 'x', access: 'public' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await store.servers.getBySlug('Bad_Slug')).toBeUndefined();
  });

  it('activates an existing version only', async () => {
    const org = await freshOrg(store);
    const server = await store.servers.create(org.orgId, {
      slug: uniqueSlug(),
      name: 'v',
      access: 'public',
    });
    await expect(
      store.servers.activateVersion(org.orgId, server.serverId, 'ver_missing'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const version = await store.specs.putVersion(org.orgId, server.serverId, {
      document: Buffer.from('{}'),
      manifest,
      report,
    });
    const active = await store.servers.activateVersion(
      org.orgId,
      server.serverId,
      version.versionId,
    );
    expect(active.activeVersionId).toBe(version.versionId);
    expect((await store.servers.getBySlug(server.slug))?.activeVersionId).toBe(version.versionId);

    // A version of another server of the same org cannot be activated here.
    const second = await store.servers.create(org.orgId, {
      slug: uniqueSlug(),
      name: 'w',
      access: 'public',
    });
    await expect(
      store.servers.activateVersion(org.orgId, second.serverId, version.versionId),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import { hashApiKey, isWellFormedApiKey, mintApiKey } from '@portico/tokens';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../src/index.js';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
/** A key minted as the control API's verb does, and what the store answered for it. */
async function createKey(orgId: string, input: { name?: string; serverId?: string }) {
  const { key, hash, hint } = mintApiKey();
  const record = await t.store.apiKeys.create(orgId, { ...input, hash, hint });
  return { record, key };
}
const { store } = t;
const doc = DynamoDBDocumentClient.from(t.client);
afterAll(() => t.client.destroy());

describe('orgs', () => {
  it('creates and reads an org', async () => {
    const org = await store.orgs.create({ name: 'Acme' });
    expect(org.orgId).toMatch(/^org_/);
    expect(await store.orgs.get(org.orgId)).toEqual(org);
    expect(await store.orgs.get('org_missing')).toBeUndefined();
  });
});

describe('apiKeys', () => {
  it('stores a minted key, finds it by hash, and never stores the key', async () => {
    const org = await freshOrg(store);
    const { record, key } = await createKey(org.orgId, { name: 'ci' });
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(record.hash).toBe(hashApiKey(key));
    expect(record.hint).toBe(`ptk_…${key.slice(-4)}`);
    expect(await store.apiKeys.findByHash(hashApiKey(key))).toEqual(record);
    expect(await store.apiKeys.findByHash(hashApiKey(`${key}x`))).toBeUndefined();

    for (const Key of [keys.apiKey(org.orgId, record.keyId), keys.apiKeyLookup(record.hash)]) {
      const raw = await doc.send(new GetCommand({ TableName: t.tableName, Key }));
      expect(JSON.stringify(raw.Item)).not.toContain(key);
    }
  });

  it('lists the keys of the org only', async () => {
    const org = await freshOrg(store);
    const other = await freshOrg(store);
    const a = await createKey(org.orgId, {});
    const b = await createKey(org.orgId, { name: 'second' });
    await createKey(other.orgId, {});
    const listed = await store.apiKeys.list(org.orgId);
    expect(listed.map((k) => k.keyId).sort()).toEqual([a.record.keyId, b.record.keyId].sort());
  });

  it('scopes a key to a server of the org, and refuses unknown orgs and servers', async () => {
    const org = await freshOrg(store);
    const server = await store.servers.create(org.orgId, {
      slug: uniqueSlug(),
      name: 's',
      access: 'api_key',
    });
    const { record } = await createKey(org.orgId, { serverId: server.serverId });
    expect(record.serverId).toBe(server.serverId);
    await expect(createKey(org.orgId, { serverId: 'srv_nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(createKey('org_nope', {})).rejects.toBeInstanceOf(PorticoError);
  });

  it('revokes a key in the org record and the lookup; revoking in another org is NOT_FOUND', async () => {
    const org = await freshOrg(store);
    const other = await freshOrg(store);
    const { record, key } = await createKey(org.orgId, {});
    await expect(store.apiKeys.revoke(other.orgId, record.keyId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await store.apiKeys.findByHash(hashApiKey(key)))?.revokedAt).toBeUndefined();
    await store.apiKeys.revoke(org.orgId, record.keyId);
    const found = await store.apiKeys.findByHash(hashApiKey(key));
    expect(found?.revokedAt).toBeDefined();
    await store.apiKeys.revoke(org.orgId, record.keyId);
    expect((await store.apiKeys.findByHash(hashApiKey(key)))?.revokedAt).toBe(found?.revokedAt);
    expect((await store.apiKeys.list(org.orgId))[0]?.revokedAt).toBe(found?.revokedAt);
  });

  it('touch writes lastUsedAt at most once a minute', async () => {
    const org = await freshOrg(store);
    const { record } = await createKey(org.orgId, {});
    const t0 = new Date('2030-01-01T00:00:00.000Z');
    await store.apiKeys.touch(record, t0);
    const after = await store.apiKeys.findByHash(record.hash);
    expect(after?.lastUsedAt).toBe(t0.toISOString());
    // Stale in-memory record, but the stored value is < 60 s old: no write.
    await store.apiKeys.touch(record, new Date(t0.getTime() + 30_000));
    expect((await store.apiKeys.findByHash(record.hash))?.lastUsedAt).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await store.apiKeys.touch(after ?? record, t2);
    expect((await store.apiKeys.list(org.orgId))[0]?.lastUsedAt).toBe(t2.toISOString());
    expect((await store.apiKeys.findByHash(record.hash))?.lastUsedAt).toBe(t2.toISOString());
  });
});

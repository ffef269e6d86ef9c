import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../src/index.js';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
const doc = DynamoDBDocumentClient.from(t.client);
afterAll(() => t.client.destroy());

async function freshServer(): Promise<{ orgId: string; serverId: string }> {
  const org = await freshOrg(store);
  const server = await store.servers.create(org.orgId, {
    slug: uniqueSlug(),
    name: 'u',
    access: 'api_key',
  });
  return { orgId: org.orgId, serverId: server.serverId };
}

const SECRET = 'sk_live_TOPSECRET_0123456789';

describe('upstreams', () => {
  it('round-trips config and keeps or clears fields', async () => {
    const { orgId, serverId } = await freshServer();
    expect(await store.upstreams.get(orgId, serverId)).toBeUndefined();
    const credential = { type: 'header' as const, name: 'X-Api-Key', value: SECRET };
    await store.upstreams.put(orgId, serverId, { baseUrl: 'https://api.example.com', credential });
    expect(await store.upstreams.get(orgId, serverId)).toMatchObject({
      baseUrl: 'https://api.example.com',
      credential,
    });
    await store.upstreams.put(orgId, serverId, { baseUrl: null });
    const kept = await store.upstreams.get(orgId, serverId);
    expect(kept?.baseUrl).toBeUndefined();
    expect(kept?.credential).toEqual(credential);
    await store.upstreams.put(orgId, serverId, { credential: null });
    expect((await store.upstreams.get(orgId, serverId))?.credential).toBeUndefined();
  });

  it('stores no plaintext credential', async () => {
    const { orgId, serverId } = await freshServer();
    await store.upstreams.put(orgId, serverId, {
      credential: { type: 'query', name: 'api_key_param', value: SECRET },
    });
    const raw = await doc.send(
      new GetCommand({ TableName: t.tableName, Key: keys.upstream(orgId, serverId) }),
    );
    const dump = JSON.stringify(raw.Item, (_k, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain('api_key_param');
    expect(raw.Item?.credential.iv).toHaveLength(12);
  });

  it('fails to decrypt a ciphertext copied to another org', async () => {
    const victim = await freshServer();
    const attacker = await freshServer();
    await store.upstreams.put(victim.orgId, victim.serverId, {
      credential: { type: 'bearer', value: SECRET },
    });
    const raw = await doc.send(
      new GetCommand({ TableName: t.tableName, Key: keys.upstream(victim.orgId, victim.serverId) }),
    );
    await doc.send(
      new PutCommand({
        TableName: t.tableName,
        Item: { ...raw.Item, ...keys.upstream(attacker.orgId, attacker.serverId) },
      }),
    );
    await expect(store.upstreams.get(attacker.orgId, attacker.serverId)).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(store.upstreams.get(victim.orgId, victim.serverId)).resolves.toMatchObject({
      credential: { type: 'bearer', value: SECRET },
    });
  });

  it('refuses a server that does not exist in the org', async () => {
    const { serverId } = await freshServer();
    const other = await freshOrg(store);
    await expect(
      store.upstreams.put(other.orgId, serverId, { baseUrl: 'https://x.test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

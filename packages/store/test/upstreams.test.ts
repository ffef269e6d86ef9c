import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { seal } from '../src/crypto.js';
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
      credentialOrigin: 'https://api.example.com',
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
      baseUrl: 'https://api.example.com',
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

describe('upstream credentials are pinned to one origin', () => {
  const bearer = { type: 'bearer' as const, value: SECRET };

  it('pins a new credential to the base URL origin, or to the given origin without one', async () => {
    const a = await freshServer();
    await store.upstreams.put(a.orgId, a.serverId, {
      baseUrl: 'HTTPS://API.Example.com:443/v1?x=1',
      credential: bearer,
    });
    expect((await store.upstreams.get(a.orgId, a.serverId))?.credentialOrigin).toBe(
      'https://api.example.com',
    );
    const b = await freshServer();
    await store.upstreams.put(b.orgId, b.serverId, {
      credential: bearer,
      credentialOrigin: 'https://docs-server.example.com',
    });
    expect(await store.upstreams.get(b.orgId, b.serverId)).toMatchObject({
      credential: bearer,
      credentialOrigin: 'https://docs-server.example.com',
    });
  });

  it('refuses a new credential with no origin to pin it to, or with two origins', async () => {
    const { orgId, serverId } = await freshServer();
    await expect(
      store.upstreams.put(orgId, serverId, { credential: bearer }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      store.upstreams.put(orgId, serverId, {
        baseUrl: 'https://a.example.com',
        credential: bearer,
        credentialOrigin: 'https://b.example.com',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await store.upstreams.get(orgId, serverId)).toBeUndefined();
  });

  it('never moves a kept credential to a base URL of another origin', async () => {
    const { orgId, serverId } = await freshServer();
    await store.upstreams.put(orgId, serverId, {
      baseUrl: 'https://api.example.com',
      credential: bearer,
    });
    for (const baseUrl of [
      'https://api.example.com.attacker.test',
      'http://api.example.com',
      'https://api.example.com:8443',
      'https://attacker.test',
    ]) {
      await expect(store.upstreams.put(orgId, serverId, { baseUrl })).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { credentialOrigin: 'https://api.example.com' },
      });
    }
    // Same origin, other path: fine. Nothing refused above was stored.
    await store.upstreams.put(orgId, serverId, { baseUrl: 'https://api.example.com/v2' });
    expect(await store.upstreams.get(orgId, serverId)).toMatchObject({
      baseUrl: 'https://api.example.com/v2',
      credentialOrigin: 'https://api.example.com',
    });
    // Clearing the base URL keeps the pin: the document's servers cannot take the credential.
    await store.upstreams.put(orgId, serverId, { baseUrl: null });
    expect((await store.upstreams.get(orgId, serverId))?.credentialOrigin).toBe(
      'https://api.example.com',
    );
    // Sending the credential again moves it, deliberately.
    await store.upstreams.put(orgId, serverId, {
      baseUrl: 'https://new.example.com',
      credential: bearer,
    });
    expect((await store.upstreams.get(orgId, serverId))?.credentialOrigin).toBe(
      'https://new.example.com',
    );
  });

  it('binds the clear origin to the ciphertext: an edited origin fails to open', async () => {
    const { orgId, serverId } = await freshServer();
    await store.upstreams.put(orgId, serverId, {
      baseUrl: 'https://api.example.com',
      credential: bearer,
    });
    await doc.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: keys.upstream(orgId, serverId),
        UpdateExpression: 'SET credentialOrigin = :o, baseUrl = :o',
        ExpressionAttributeValues: { ':o': 'https://attacker.test' },
      }),
    );
    await expect(store.upstreams.get(orgId, serverId)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('reads a credential stored before pinning as pinned to its base URL, and upgrades it', async () => {
    const { orgId, serverId } = await freshServer();
    const aadV1 = `portico:upstream-credential:v1:${orgId}:${serverId}`;
    await doc.send(
      new PutCommand({
        TableName: t.tableName,
        Item: {
          ...keys.upstream(orgId, serverId),
          type: 'upstream',
          baseUrl: 'https://legacy.example.com/v1',
          credential: seal(t.kek, JSON.stringify(bearer), aadV1),
          updatedAt: new Date().toISOString(),
        },
      }),
    );
    expect(await store.upstreams.get(orgId, serverId)).toMatchObject({
      credential: bearer,
      credentialOrigin: 'https://legacy.example.com',
    });
    await expect(
      store.upstreams.put(orgId, serverId, { baseUrl: 'https://attacker.test' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.upstreams.put(orgId, serverId, { baseUrl: null });
    const raw = await doc.send(
      new GetCommand({ TableName: t.tableName, Key: keys.upstream(orgId, serverId) }),
    );
    expect(raw.Item?.credentialOrigin).toBe('https://legacy.example.com');
    expect(await store.upstreams.get(orgId, serverId)).toMatchObject({
      credential: bearer,
      credentialOrigin: 'https://legacy.example.com',
    });
  });

  it('leaves a credential stored before pinning without a base URL unpinned (never sent)', async () => {
    const { orgId, serverId } = await freshServer();
    await doc.send(
      new PutCommand({
        TableName: t.tableName,
        Item: {
          ...keys.upstream(orgId, serverId),
          type: 'upstream',
          credential: seal(
            t.kek,
            JSON.stringify(bearer),
            `portico:upstream-credential:v1:${orgId}:${serverId}`,
          ),
          updatedAt: new Date().toISOString(),
        },
      }),
    );
    const config = await store.upstreams.get(orgId, serverId);
    expect(config?.credential).toEqual(bearer);
    expect(config?.credentialOrigin).toBeUndefined();
  });
});

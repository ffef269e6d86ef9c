import type { Store } from '@portico/store';
import { mintApiKey } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  echoDocument,
  postJsonRpc,
  type RawReply,
  type RunningGateway,
  type SeededServer,
  seedApiKey,
  seedServer,
  startGateway,
  testStore,
} from './support/env.js';

let store: Store;
let gateway: RunningGateway;
let serverA: SeededServer;
let serverA2: SeededServer;
let serverB: SeededServer;

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

beforeAll(async () => {
  store = testStore();
  gateway = await startGateway({ store, cache: { apiKeyTtlMs: 200 } });
  serverA = await seedServer(store, { document: echoDocument(), access: 'api_key' });
  serverA2 = await seedServer(store, {
    document: echoDocument(),
    access: 'api_key',
    orgId: serverA.orgId,
  });
  serverB = await seedServer(store, { document: echoDocument(), access: 'api_key' });
});

afterAll(async () => {
  await gateway?.close();
});

function expect401(res: RawReply): void {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(res.body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32001 } });
}

describe('api_key servers admit only keys of the server org', () => {
  it('no key -> 401 with WWW-Authenticate: Bearer and a JSON-RPC error body', async () => {
    expect401(await postJsonRpc(gateway.url(serverA.slug), list));
  });

  it('malformed and unknown well-formed keys -> 401', async () => {
    expect401(
      await postJsonRpc(gateway.url(serverA.slug), list, { authorization: 'Bearer ptk_nope' }),
    );
    expect401(
      await postJsonRpc(gateway.url(serverA.slug), list, { 'x-api-key': mintApiKey().key }),
    );
  });

  it('a key of org A is useless at org B (and vice versa)', async () => {
    const { key: keyA } = await seedApiKey(store, serverA.orgId, { name: 'a' });
    const { key: keyB } = await seedApiKey(store, serverB.orgId, { name: 'b' });
    expect(
      (await postJsonRpc(gateway.url(serverA.slug), list, { authorization: `Bearer ${keyA}` }))
        .status,
    ).toBe(200);
    expect401(
      await postJsonRpc(gateway.url(serverB.slug), list, { authorization: `Bearer ${keyA}` }),
    );
    expect401(await postJsonRpc(gateway.url(serverA.slug), list, { 'x-api-key': keyB }));
    expect((await postJsonRpc(gateway.url(serverB.slug), list, { 'x-api-key': keyB })).status).toBe(
      200,
    );
  });

  it('a server-scoped key works only at its server', async () => {
    const { key } = await seedApiKey(store, serverA.orgId, {
      serverId: serverA.server.serverId,
    });
    expect((await postJsonRpc(gateway.url(serverA.slug), list, { 'x-api-key': key })).status).toBe(
      200,
    );
    expect401(await postJsonRpc(gateway.url(serverA2.slug), list, { 'x-api-key': key }));
  });

  it('a revoked key stops working within the key cache TTL', async () => {
    const { key, record } = await seedApiKey(store, serverA.orgId, { name: 'soon revoked' });
    expect((await postJsonRpc(gateway.url(serverA.slug), list, { 'x-api-key': key })).status).toBe(
      200,
    );
    await store.apiKeys.revoke(serverA.orgId, record.keyId);
    await new Promise((r) => setTimeout(r, 300));
    expect401(await postJsonRpc(gateway.url(serverA.slug), list, { 'x-api-key': key }));
  });

  it('public servers need no key', async () => {
    const open = await seedServer(store, { document: echoDocument(), access: 'public' });
    expect((await postJsonRpc(gateway.url(open.slug), list)).status).toBe(200);
  });
});

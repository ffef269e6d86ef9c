import { afterAll, describe, expect, it } from 'vitest';
import { freshOrg, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const metadata = {
  clientName: 'Acme Desktop',
  redirectUris: ['http://127.0.0.1:8080/callback'],
  grantTypes: ['authorization_code', 'refresh_token'],
  responseTypes: ['code'],
  now: T0,
};

describe('OAuth clients (happy)', () => {
  it('a self-registered client is source dcr and bound to nothing', async () => {
    const client = await store.oauthClients.create(metadata);
    expect(client).toMatchObject({ source: 'dcr', tokenEndpointAuthMethod: 'none' });
    expect(client.orgId).toBeUndefined();
    expect(await store.oauthClients.get(client.clientId)).toEqual(client);
  });

  it('an org-registered client is bound to its server, listed there only, and deleted there', async () => {
    const { orgId } = await freshOrg(store);
    const other = await freshOrg(store);
    const bound = await store.oauthClients.create({ ...metadata, orgId, serverId: 'srv_a' });
    const second = await store.oauthClients.create({ ...metadata, orgId, serverId: 'srv_a' });
    const dcr = await store.oauthClients.create(metadata);
    expect(bound).toMatchObject({ source: 'org', orgId, serverId: 'srv_a' });
    expect(await store.oauthClients.get(bound.clientId)).toEqual(bound);
    // Key order is byte order (DynamoDB compares sort keys as UTF-8 bytes), not locale order.
    const byId = (a: { clientId: string }, b: { clientId: string }) =>
      a.clientId < b.clientId ? -1 : 1;
    expect(await store.oauthClients.listForServer(orgId, 'srv_a')).toEqual(
      [bound, second].sort(byId),
    );
    expect(await store.oauthClients.listForServer(orgId, 'srv_b')).toEqual([]);
    expect(await store.oauthClients.listForServer(other.orgId, 'srv_a')).toEqual([]);

    expect(await store.oauthClients.deleteForServer(other.orgId, 'srv_a', bound.clientId)).toBe(
      false,
    );
    expect(await store.oauthClients.deleteForServer(orgId, 'srv_b', bound.clientId)).toBe(false);
    expect(await store.oauthClients.deleteForServer(orgId, 'srv_a', dcr.clientId)).toBe(false);
    expect(await store.oauthClients.get(dcr.clientId)).toBeDefined();
    expect(await store.oauthClients.deleteForServer(orgId, 'srv_a', bound.clientId)).toBe(true);
    expect(await store.oauthClients.get(bound.clientId)).toBeUndefined();
    expect(await store.oauthClients.listForServer(orgId, 'srv_a')).toEqual([second]);
    expect(await store.oauthClients.deleteForServer(orgId, 'srv_a', bound.clientId)).toBe(false);
  });

  it('refuses half a binding', async () => {
    await expect(store.oauthClients.create({ ...metadata, orgId: 'org_x' })).rejects.toThrow(
      /both orgId and serverId/,
    );
  });
});

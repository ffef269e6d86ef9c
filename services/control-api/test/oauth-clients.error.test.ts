import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('oauth clients: refusals', () => {
  it('400 VALIDATION_FAILED for redirect URIs outside OAuth 2.1 / RFC 8252; nothing stored', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const bad = [
      'http://app.example/cb', // http off loopback
      'http://127.0.0.1.nip.io/cb',
      'https://app.example/cb#frag', // fragment
      'https://user:pw@app.example/cb', // user info
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'myapp:/cb', // private-use scheme without reverse domain notation
      '/relative/cb',
    ];
    for (const uri of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/servers/${server.slug}/oauth-clients`,
        headers: bearer(key),
        payload: { clientName: 'x', redirectUris: ['https://ok.example/cb', uri] },
      });
      expect(res.statusCode, uri).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: '/redirectUris/1' }] },
      });
    }
    for (const payload of [
      { clientName: 'x', redirectUris: [] },
      { clientName: '', redirectUris: ['https://ok.example/cb'] },
      { clientName: 'x', redirectUris: ['https://ok.example/cb'], grantTypes: ['implicit'] },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/servers/${server.slug}/oauth-clients`,
        headers: bearer(key),
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
    expect(await t.store.oauthClients.listForServer(orgId, server.serverId)).toEqual([]);
  });

  it("404 for another org's server or client, and a client of another server of the org", async () => {
    const owner = await signup(t.app);
    const server = await createServer(t.app, owner.key);
    const second = await createServer(t.app, owner.key);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${server.slug}/oauth-clients`,
      headers: bearer(owner.key),
      payload: { clientName: 'Owner app', redirectUris: ['https://owner.example/cb'] },
    });
    const { clientId } = created.json().oauthClient;
    const attacker = await signup(t.app);
    const attackerServer = await createServer(t.app, attacker.key);
    const cases: [string, string, 'GET' | 'POST' | 'DELETE'][] = [
      [attacker.key, `/api/v1/servers/${server.slug}/oauth-clients`, 'GET'],
      [attacker.key, `/api/v1/servers/${server.slug}/oauth-clients`, 'POST'],
      [attacker.key, `/api/v1/servers/${server.slug}/oauth-clients/${clientId}`, 'DELETE'],
      [attacker.key, `/api/v1/servers/${attackerServer.slug}/oauth-clients/${clientId}`, 'DELETE'],
      [owner.key, `/api/v1/servers/${second.slug}/oauth-clients/${clientId}`, 'DELETE'],
      [owner.key, `/api/v1/servers/${server.slug}/oauth-clients/not-a-client`, 'DELETE'],
    ];
    for (const [key, url, method] of cases) {
      const res = await t.app.inject({
        method,
        url,
        headers: bearer(key),
        ...(method === 'POST'
          ? { payload: { clientName: 'x', redirectUris: ['https://x.example/cb'] } }
          : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('Owner app');
    }
    expect(await t.store.oauthClients.get(clientId)).toMatchObject({ clientName: 'Owner app' });
  });
});

import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('end users: refusals', () => {
  it("404 for another org's server, an unknown or malformed id; nothing deleted", async () => {
    const owner = await signup(t.app);
    const server = await createServer(t.app, owner.key, { access: 'end_user' });
    const email = 'victim@example.test';
    await t.store.endUsers.recordLogin(owner.orgId, server.serverId, email, new Date());
    const attacker = await signup(t.app);
    const attackerServer = await createServer(t.app, attacker.key);
    const cases: [string, string][] = [
      [attacker.key, `/api/v1/servers/${server.slug}/end-users/${emailHash(email)}`],
      [attacker.key, `/api/v1/servers/${attackerServer.slug}/end-users/${emailHash(email)}`],
      [owner.key, `/api/v1/servers/${server.slug}/end-users/${emailHash('nobody@example.test')}`],
      [owner.key, `/api/v1/servers/${server.slug}/end-users/${encodeURIComponent(email)}`],
    ];
    for (const [key, url] of cases) {
      for (const method of ['GET', 'DELETE'] as const) {
        const res = await t.app.inject({ method, url, headers: bearer(key) });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain(email);
      }
    }
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/end-users`,
      headers: bearer(attacker.key),
    });
    expect(list.statusCode).toBe(404);
    expect(
      await t.store.endUsers.get(owner.orgId, server.serverId, emailHash(email)),
    ).toMatchObject({ email });
  });

  it('400 VALIDATION_FAILED for a bad limit or a forged cursor', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=not-a-cursor']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/servers/${server.slug}/end-users?${query}`,
        headers: bearer(key),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

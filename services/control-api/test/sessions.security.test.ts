import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import {
  bearer,
  createServer,
  memberSession,
  ORIGIN,
  SESSION_AUDIENCE,
  sessionToken,
  signup,
  type TestApp,
  testApp,
} from './helpers.js';

// Issue 4 item 7: member sessions at the control API. A session token is an ES256 JWT with
// typ portico-session+jwt, iss and aud (`${publicOrigin}/api/v1`) pinned, and the member is read
// on every request.
let clock = Date.now();
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
});
afterAll(() => t.close());

const get = (url: string, token: string) =>
  t.app.inject({ method: 'GET', url, headers: bearer(token) });

function expect401(res: { statusCode: number; json(): { error: { code: string } } }): void {
  expect(res.statusCode).toBe(401);
  expect(res.json().error.code).toBe('UNAUTHENTICATED');
}

describe('member session tokens', () => {
  it("act for the member's org with the member's role", async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const dev = await memberSession(t, orgId, 'developer');
    const org = await get('/api/v1/org', dev.token);
    expect(org.statusCode).toBe(200);
    expect(org.json().org.orgId).toBe(orgId);
    expect((await get(`/api/v1/servers/${server.slug}`, dev.token)).statusCode).toBe(200);
    expect((await get('/api/v1/api-keys', dev.token)).statusCode).toBe(403);
  });

  it("of org A are useless at org B: B's resources are 404, an org_id of B is 401, never data", async () => {
    const a = await signup(t.app);
    const b = await signup(t.app);
    const serverB = await createServer(t.app, b.key, { name: 'B secret server' });
    const memberA = await memberSession(t, a.orgId, 'admin');
    for (const url of [
      `/api/v1/servers/${serverB.slug}`,
      `/api/v1/servers/${serverB.slug}/end-users`,
      `/api/v1/auth-events?serverId=${serverB.serverId}`,
    ]) {
      const res = await get(url, memberA.token);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('B secret server');
    }
    const servers = await get('/api/v1/servers', memberA.token);
    expect(servers.json().servers).toEqual([]);
    // A token naming org B for someone who is a member of A only.
    const claimsB = await sessionToken(t.tokens, { orgId: b.orgId, memberId: memberA.memberId });
    const res = await get('/api/v1/servers', claimsB);
    expect401(res);
    expect(res.body).not.toContain(serverB.serverId);
  });

  it('are refused once the member is removed, while the token is still valid', async () => {
    const { orgId, key } = await signup(t.app);
    const member = await memberSession(t, orgId, 'developer');
    expect((await get('/api/v1/org', member.token)).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member.memberId}`,
      headers: bearer(key),
    });
    expect(removed.statusCode).toBe(204);
    expect401(await get('/api/v1/org', member.token));
  });

  it('expire: accepted until exp, refused 1 s after (fake clock)', async () => {
    const { orgId } = await signup(t.app);
    const member = await memberSession(t, orgId, 'billing');
    const start = Date.now();
    clock = start;
    try {
      const token = await sessionToken(t.tokens, {
        orgId,
        memberId: member.memberId,
        lifetimeSeconds: 60,
      });
      clock = start + 59_000;
      expect((await get('/api/v1/org', token)).statusCode).toBe(200);
      clock = start + 61_000;
      const res = await get('/api/v1/org', token);
      expect401(res);
      expect(res.json().error.message).toBe('session token expired');
    } finally {
      clock = Date.now();
    }
  });
});

describe('other tokens are refused', () => {
  let orgId: string;
  let memberId: string;
  beforeAll(async () => {
    ({ orgId } = await signup(t.app));
    ({ memberId } = await memberSession(t, orgId, 'admin'));
  });

  it('an MCP access token (at+jwt) for a server URL, or even for the control API', async () => {
    for (const aud of [`${ORIGIN}/s/demo/mcp`, SESSION_AUDIENCE]) {
      const token = await t.tokens.sign({
        typ: 'at+jwt',
        sub: memberId,
        aud,
        clientId: 'cli_x',
        orgId,
        scope: 'tools:read tools:call',
        lifetimeSeconds: 300,
      });
      expect401(await get('/api/v1/org', token));
    }
  });

  it('a session token for another audience', async () => {
    for (const aud of ['https://elsewhere.test/api/v1', `${ORIGIN}/api/v2`, ORIGIN]) {
      const token = await t.tokens.sign({
        typ: 'portico-session+jwt',
        sub: memberId,
        aud,
        orgId,
        lifetimeSeconds: 300,
      });
      expect401(await get('/api/v1/org', token));
    }
  });

  it('a session token of another issuer, even signed with a published key', async () => {
    const token = await t.signer({ issuer: 'https://evil.test' }).sign({
      typ: 'portico-session+jwt',
      sub: memberId,
      aud: SESSION_AUDIENCE,
      orgId,
      lifetimeSeconds: 300,
    });
    expect401(await get('/api/v1/org', token));
  });

  it('a session token without org_id, and garbage', async () => {
    const token = await t.tokens.sign({
      typ: 'portico-session+jwt',
      sub: memberId,
      aud: SESSION_AUDIENCE,
      lifetimeSeconds: 300,
    });
    expect401(await get('/api/v1/org', token));
    expect401(await get('/api/v1/org', 'not.a.jwt'));
    expect401(await get('/api/v1/org', 'eyJhbGciOiJub25lIn0.e30.'));
  });

  it('any session token when the deployment is configured for API keys only', async () => {
    const keysOnly = await testApp({ sessions: false });
    try {
      const { orgId: org } = await signup(keysOnly.app);
      const member = await memberSession(keysOnly, org, 'admin');
      const res = await keysOnly.app.inject({
        method: 'GET',
        url: '/api/v1/org',
        headers: bearer(member.token),
      });
      expect401(res);
    } finally {
      await keysOnly.close();
    }
  });
});

describe('configuration', () => {
  it('refuses tokens without issuer and publicOrigin (all three or none)', async () => {
    const store = {} as Store;
    await expect(buildApp({ store, tokens: t.tokens })).rejects.toThrow(/together/);
  });
});

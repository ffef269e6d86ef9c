import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ActivityEnv, bearer, ORIGIN, startActivityEnv } from './support/activity.js';

// A deleted end user (control API: record deleted, refresh families revoked) must not keep using
// the access tokens they hold: once the gateway's activity write finds the record gone, their
// tokens issued before that are refused with the sign-in challenge.
let env: ActivityEnv;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now());
  env = await startActivityEnv();
});
afterAll(async () => {
  await env?.close();
  vi.useRealTimers();
});

describe('a deleted end user', () => {
  it("is refused (401 + challenge) once a touch learned it; a fresh sign-in's token passes", async () => {
    const { orgId, server, slug } = env.server;
    const email = `deleted-${process.pid}@example.test`;
    const { endUserId } = await env.store.endUsers.recordLogin(
      orgId,
      server.serverId,
      email,
      new Date(Date.now() - 5 * 60_000),
    );
    const token = await env.token(endUserId);
    const t0 = Date.now();
    expect((await env.list(bearer(token))).status).toBe(200);
    await env.settled();

    // The control API's DELETE /servers/{slug}/end-users/{endUserId}.
    await env.store.refreshTokens.revokeSubject(
      { orgId, serverId: server.serverId, sub: endUserId },
      { now: new Date(), reason: 'end_user_deleted' },
    );
    expect(await env.store.endUsers.delete(orgId, server.serverId, endUserId)).toBe(true);

    // The next activity write (at most a minute later) finds the record gone.
    vi.setSystemTime(t0 + 61_000);
    expect((await env.list(bearer(token))).status).toBe(200);
    await env.settled();
    expect(await env.touches.at(-1)?.outcome).toBe('missing');

    const refused = await env.list(bearer(token));
    expect(refused.status).toBe(401);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain(
      `resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/s/${slug}/mcp"`,
    );
    expect(challenge).toContain('scope="tools:read tools:call"');
    expect(refused.body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32001 } });

    // Signing in again creates the record and mints a token issued after the deletion.
    vi.setSystemTime(t0 + 63_000);
    await env.store.endUsers.recordLogin(orgId, server.serverId, email, new Date());
    const fresh = await env.token(endUserId);
    expect((await env.list(bearer(fresh))).status).toBe(200);
    expect((await env.list(bearer(token))).status).toBe(401);
  });

  it('other end users of the server are not affected', async () => {
    const { orgId, server } = env.server;
    const { endUserId } = await env.store.endUsers.recordLogin(
      orgId,
      server.serverId,
      `bystander-${process.pid}@example.test`,
      new Date(),
    );
    expect((await env.list(bearer(await env.token(endUserId)))).status).toBe(200);
  });
});

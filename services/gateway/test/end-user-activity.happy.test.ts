import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ActivityEnv, bearer, startActivityEnv } from './support/activity.js';
import { seedApiKey } from './support/env.js';

// Issue 4 item 6: an end user's last seen is "updated on sign-in and on activity, at most once a
// minute per user". Fake clock (Date only: sockets and DynamoDB Local run for real).
let env: ActivityEnv;
let email = 0;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now());
  env = await startActivityEnv();
});
afterAll(async () => {
  await env?.close();
  vi.useRealTimers();
});

/** An end user who signed in 5 minutes ago, and an access token of theirs. */
async function signedIn(): Promise<{ endUserId: string; token: string; since: Date }> {
  email += 1;
  const since = new Date(Date.now() - 5 * 60_000);
  const { endUserId } = await env.store.endUsers.recordLogin(
    env.server.orgId,
    env.server.server.serverId,
    `activity-${process.pid}-${email}@example.test`,
    since,
  );
  return { endUserId, token: await env.token(endUserId), since };
}

const lastSeen = async (endUserId: string) =>
  (await env.store.endUsers.get(env.server.orgId, env.server.server.serverId, endUserId))
    ?.lastSeenAt;

const touchesOf = (endUserId: string) => env.touches.filter((t) => t.endUserId === endUserId);

describe('end-user activity at the gateway', () => {
  it('two calls within a minute write lastSeenAt once; 61 s later it is written again', async () => {
    const user = await signedIn();
    const t0 = Date.now();
    expect((await env.list(bearer(user.token))).status).toBe(200);
    vi.setSystemTime(t0 + 30_000);
    expect((await env.list(bearer(user.token))).status).toBe(200);
    await env.settled();
    expect(touchesOf(user.endUserId)).toHaveLength(1);
    expect(await touchesOf(user.endUserId)[0]?.outcome).toBe('touched');
    expect(await lastSeen(user.endUserId)).toBe(new Date(t0).toISOString());

    vi.setSystemTime(t0 + 61_000);
    expect((await env.list(bearer(user.token))).status).toBe(200);
    await env.settled();
    expect(touchesOf(user.endUserId)).toHaveLength(2);
    expect(await lastSeen(user.endUserId)).toBe(new Date(t0 + 61_000).toISOString());
  });

  it('each end user has their own minute', async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect((await env.list(bearer(a.token))).status).toBe(200);
    expect((await env.list(bearer(b.token))).status).toBe(200);
    expect((await env.list(bearer(a.token))).status).toBe(200);
    await env.settled();
    expect(touchesOf(a.endUserId)).toHaveLength(1);
    expect(touchesOf(b.endUserId)).toHaveLength(1);
  });

  it('a failed write does not fail the call, and the next call tries again', async () => {
    const user = await signedIn();
    env.failNextTouch();
    expect((await env.list(bearer(user.token))).status).toBe(200);
    await env.settled();
    expect(await lastSeen(user.endUserId)).toBe(user.since.toISOString());
    expect((await env.list(bearer(user.token))).status).toBe(200);
    await env.settled();
    expect(touchesOf(user.endUserId)).toHaveLength(2);
    expect(await lastSeen(user.endUserId)).toBe(new Date(Date.now()).toISOString());
  });

  it('anonymous callers and API keys are not end users: nothing is written', async () => {
    const before = env.touches.length;
    const { key } = await seedApiKey(env.store, env.server.orgId, { name: 'machine' });
    expect((await env.list(bearer(key))).status).toBe(200);
    // No tool of this server is public: an anonymous caller is asked to sign in.
    expect((await env.list()).status).toBe(401);
    expect(env.touches.length).toBe(before);
  });
});

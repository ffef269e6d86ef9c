import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

// Issue 4 item 6: an org lists its auth events, newest first, masked addresses only.
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

describe('GET /auth-events', () => {
  it('lists the org events newest first, page by page, with the masked address and its hash', async () => {
    const { orgId, key } = await signup(t.app);
    const a = await createServer(t.app, key, { access: 'end_user' });
    const b = await createServer(t.app, key, { access: 'end_user' });
    const email = 'Jane.Doe@Example.test';
    for (let minute = 0; minute < 5; minute++) {
      await t.store.authEvents.record(orgId, {
        type: minute % 2 === 0 ? 'code_requested' : 'token_issued',
        at: at(minute),
        serverId: minute < 3 ? a.serverId : b.serverId,
        email,
        ip: '203.0.113.7',
        userAgent: 'test-agent',
        ...(minute % 2 === 1 ? { clientId: 'cli_test' } : {}),
      });
    }
    const pages: { type: string; at: string }[][] = [];
    let cursor: string | undefined;
    do {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth-events?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: bearer(key),
      });
      expect(res.statusCode).toBe(200);
      expect(res.body.toLowerCase()).not.toContain('jane.doe');
      pages.push(res.json().items);
      cursor = res.json().cursor;
    } while (cursor);
    const all = pages.flat();
    expect(all.map((e) => e.at)).toEqual([4, 3, 2, 1, 0].map((m) => at(m).toISOString()));
    expect(all[1]).toEqual({
      eventId: expect.stringMatching(/^evt_/),
      type: 'token_issued',
      at: at(3).toISOString(),
      serverId: b.serverId,
      emailHash: emailHash(email),
      emailMasked: 'j***@example.test',
      ip: '203.0.113.7',
      userAgent: 'test-agent',
      clientId: 'cli_test',
    });

    const onlyA = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth-events?serverId=${a.serverId}`,
      headers: bearer(key),
    });
    expect(onlyA.statusCode).toBe(200);
    expect(onlyA.json().items.map((e: { at: string }) => e.at)).toEqual(
      [2, 1, 0].map((m) => at(m).toISOString()),
    );
  });

  it("404 for another org's server or a malformed server id; another org's events never show", async () => {
    const owner = await signup(t.app);
    const server = await createServer(t.app, owner.key);
    await t.store.authEvents.record(owner.orgId, {
      type: 'code_failed',
      at: at(1),
      serverId: server.serverId,
      email: 'victim@example.test',
      reason: 'wrong_code',
    });
    const attacker = await signup(t.app);
    for (const serverId of [server.serverId, 'srv_nope', 'x'.repeat(64)]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/auth-events?serverId=${serverId}`,
        headers: bearer(attacker.key),
      });
      expect(res.statusCode).toBe(404);
    }
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth-events',
      headers: bearer(attacker.key),
    });
    expect(own.json()).toEqual({ items: [] });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { AUTH_EVENT_RETENTION_SECONDS, emailHash } from '../src/index.js';
import { freshOrg, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('auth events', () => {
  it('records with reason, IP, user agent and a 12-month TTL; masks the address', async () => {
    const { orgId } = await freshOrg(store);
    const rec = await store.authEvents.record(orgId, {
      type: 'code_failed',
      at: T0,
      serverId: 'srv_a',
      email: 'Jane@Example.com',
      ip: '203.0.113.7',
      userAgent: 'curl/8',
      reason: 'wrong_code',
    });
    expect(rec).toMatchObject({
      type: 'code_failed',
      reason: 'wrong_code',
      ip: '203.0.113.7',
      userAgent: 'curl/8',
      emailMasked: 'j***@example.com',
      emailHash: emailHash('jane@example.com'),
      expiresAt: T0.getTime() / 1000 + AUTH_EVENT_RETENTION_SECONDS,
    });
    expect(JSON.stringify(rec)).not.toContain('jane@');
    const listed = await store.authEvents.list(orgId, { now: T0 });
    expect(listed.items).toEqual([rec]);
  });

  it('lists newest first per org and per server, paginated, without expired events', async () => {
    const { orgId } = await freshOrg(store);
    for (let i = 0; i < 5; i++) {
      await store.authEvents.record(orgId, {
        type: 'code_requested',
        at: at(i),
        ...(i % 2 ? { serverId: 'srv_a' } : {}),
        reason: String(i),
      });
    }
    const reasons: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.authEvents.list(orgId, {
        limit: 2,
        now: T0,
        ...(cursor ? { cursor } : {}),
      });
      reasons.push(...page.items.map((e) => e.reason ?? ''));
      cursor = page.cursor;
    } while (cursor);
    expect(reasons).toEqual(['4', '3', '2', '1', '0']);

    const server = await store.authEvents.list(orgId, { serverId: 'srv_a', now: T0 });
    expect(server.items.map((e) => e.reason)).toEqual(['3', '1']);

    const later = at(AUTH_EVENT_RETENTION_SECONDS + 2.5);
    expect((await store.authEvents.list(orgId, { now: later })).items.map((e) => e.reason)).toEqual(
      ['4', '3'],
    );
  });

  it('refuses a cursor of another org', async () => {
    const a = await freshOrg(store);
    const b = await freshOrg(store);
    for (let i = 0; i < 2; i++)
      await store.authEvents.record(a.orgId, { type: 'token_issued', at: at(i) });
    const page = await store.authEvents.list(a.orgId, { limit: 1, now: T0 });
    await expect(
      store.authEvents.list(b.orgId, { cursor: page.cursor ?? '', now: T0 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('filters one person by subject (email or id), per org and per server, filling pages', async () => {
    const { orgId } = await freshOrg(store);
    const ann = emailHash('ann@example.com');
    for (let i = 0; i < 6; i++) {
      await store.authEvents.record(orgId, {
        type: 'code_verified',
        at: at(i),
        serverId: 'srv_a',
        // Every third event is Ann's, by address or by id; the rest are Bo's.
        ...(i % 3 === 0
          ? i === 0
            ? { email: 'Ann@example.com' }
            : { subject: ann }
          : { email: 'bo@example.com' }),
        reason: String(i),
      });
    }
    const page = await store.authEvents.list(orgId, { subject: ann, limit: 2, now: T0 });
    expect(page.items.map((e) => e.reason)).toEqual(['3', '0']);
    expect(page.items.every((e) => e.emailHash === ann)).toBe(true);
    const byServer = await store.authEvents.list(orgId, {
      serverId: 'srv_a',
      subject: ann,
      now: T0,
    });
    expect(byServer.items.map((e) => e.reason)).toEqual(['3', '0']);
    const nobody = await store.authEvents.list(orgId, { subject: emailHash('x@y.z'), now: T0 });
    expect(nobody.items).toEqual([]);
  });
});

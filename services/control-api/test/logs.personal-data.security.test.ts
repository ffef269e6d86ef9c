import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, freshEmail, signup, type TestApp, testApp } from './helpers.js';
import { seedRouteFixture } from './routes.js';

// Issue 8 item 7: request URLs with `?email=` were logged in full. Every route that takes an
// address (query, body or path) is driven here, valid and invalid, and no address may reach the
// log in any spelling.

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await testApp({ logger: { level: 'trace', stream } });
});
afterAll(() => t.close());

/** An address in the forms a URL or a body carries it: literal, percent- and double-encoded. */
const ADDRESS = /[\w.+-]+@[\w-]+|%40|%2540/i;

describe('logs carry no email address', () => {
  it('end-user search, member and sign-up routes log route patterns and no query value', async () => {
    const { orgId, key } = await signup(t.app);
    const f = await seedRouteFixture(t, orgId, key);
    const auth = bearer(key);
    const enc = encodeURIComponent;
    const prefix = f.endUserEmail.slice(0, f.endUserEmail.indexOf('@') + 3);
    const requests = [
      {
        method: 'POST',
        url: '/api/v1/orgs',
        payload: { name: 'Org', email: freshEmail('signup') },
      },
      { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Org', email: 'not@an address' } },
      { method: 'GET', url: `/api/v1/servers/${f.slug}/end-users?email=${f.endUserEmail}` },
      { method: 'GET', url: `/api/v1/servers/${f.slug}/end-users?email=${enc(f.endUserEmail)}` },
      { method: 'GET', url: `/api/v1/servers/${f.slug}/end-users?limit=5&email=${enc(prefix)}` },
      { method: 'GET', url: `/api/v1/servers/${f.slug}/end-users?email=${'x'.repeat(400)}@a.b` },
      { method: 'GET', url: `/api/v1/servers/${f.slug}/end-users/${f.endUserEmail}` },
      { method: 'POST', url: '/api/v1/members', payload: { email: freshEmail(), role: 'viewer' } },
      { method: 'POST', url: '/api/v1/members', payload: { email: f.memberEmail, role: 'viewer' } },
      { method: 'POST', url: '/api/v1/members', payload: { email: 'bad@', role: 'viewer' } },
      { method: 'GET', url: `/api/v1/members?email=${enc(f.memberEmail)}` },
      { method: 'GET', url: `/api/v1/no-such-route/${enc(f.memberEmail)}?email=${f.memberEmail}` },
    ] as const;
    for (const r of requests) {
      const res = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: auth,
        ...('payload' in r ? { payload: r.payload } : {}),
      });
      expect(res.statusCode, r.url).toBeLessThan(500);
    }

    const log = lines.join('');
    expect(log).toContain('incoming request');
    expect(log).not.toContain(f.endUserEmail.split('@')[0]);
    expect(log).not.toContain(f.memberEmail.split('@')[0]);
    expect(log.match(ADDRESS)).toBeNull();
    expect(log).toContain('/api/v1/servers/:slug/end-users?email=[redacted]');
    expect(log).toContain('/api/v1/servers/:slug/end-users?limit=[redacted]&email=[redacted]');
  });
});

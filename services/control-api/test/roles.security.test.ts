import type { MemberRole } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../src/index.js';
import { memberSession, signup, type TestApp, testApp } from './helpers.js';
import { callRoute, ROUTES, type RouteFixture, seedRouteFixture } from './routes.js';

// Issue 4 item 7: admin everything; developer everything but API keys and members; billing
// read-only on the org, servers, tools, end users and auth events. Every route x every role.
const ROLES: MemberRole[] = ['billing', 'developer', 'admin'];

/** The expected table, written out rather than derived from ROLE_PERMISSIONS. */
const ALLOWED: Record<MemberRole, (route: (typeof ROUTES)[number]) => boolean> = {
  admin: () => true,
  developer: (r) => !/^\w+ \/(api-keys|members)/.test(r.name),
  billing: (r) =>
    r.method === 'GET' &&
    !/^GET \/(api-keys|members|servers\/\{slug\}\/(upstream|oauth-clients))/.test(r.name),
};

let t: TestApp;
let f: RouteFixture;
const sessions = {} as Record<MemberRole, string>;

beforeAll(async () => {
  t = await testApp();
  const { orgId, key } = await signup(t.app);
  f = await seedRouteFixture(t, orgId, key);
  for (const role of ROLES) sessions[role] = (await memberSession(t, orgId, role)).token;
});
afterAll(() => t.close());

describe('the route table', () => {
  it('lists every authenticated operation of the OpenAPI document, no more', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
      )
      .filter((op) => op !== 'POST /orgs');
    expect(ROUTES.map((r) => r.name).sort()).toEqual(operations.sort());
  });

  it('states the roles of every operation in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const route of ROUTES) {
      const [method, path] = route.name.split(' ') as [string, string];
      const op = doc.paths[`/api/v1${path}`][method.toLowerCase()];
      const roles = ROLES.filter((role) => ALLOWED[role](route)).sort();
      const stated = /Roles: ([a-z, ]+) \(/.exec(op.description)?.[1]?.split(', ').sort();
      expect(stated, route.name).toEqual(roles);
    }
  });

  it('declares the permissions the roles are expected to have', () => {
    for (const role of ROLES) {
      for (const route of ROUTES) {
        expect(ROLE_PERMISSIONS[role].includes(route.permission), `${role} ${route.name}`).toBe(
          ALLOWED[role](route),
        );
      }
    }
  });
});

describe.each(ROUTES)('$name', (route) => {
  it.each(ROLES)('as %s', async (role) => {
    const res = await callRoute(t, route, f, { authorization: `Bearer ${sessions[role]}` });
    if (ALLOWED[role](route)) {
      // Past the role check: the route's own answer (404 or 409 when an earlier role already
      // deleted or added the resource).
      expect(res.statusCode, res.body).not.toBe(403);
      expect(res.statusCode, res.body).toBeLessThan(500);
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', requestId: expect.any(String) });
    }
  });
});

describe('role changes', () => {
  it('apply to the next request of a live session token', async () => {
    const { orgId, key } = await signup(t.app);
    const member = await memberSession(t, orgId, 'billing');
    const headers = { authorization: `Bearer ${member.token}` };
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/servers',
        headers,
        payload: { slug: `role-${Date.now().toString(36)}`, name: 'x' },
      });
    expect((await create()).statusCode).toBe(403);
    const promoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${member.memberId}`,
      headers: { authorization: `Bearer ${key}` },
      payload: { role: 'developer' },
    });
    expect(promoted.statusCode).toBe(200);
    expect((await create()).statusCode).toBe(201);
  });

  it('a forbidden write changes nothing', async () => {
    const { orgId } = await signup(t.app);
    const billing = await memberSession(t, orgId, 'billing');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: { authorization: `Bearer ${billing.token}` },
      payload: { email: 'intruder@example.test', role: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    const { items } = await t.store.members.list(orgId);
    expect(items.map((m) => m.email)).toEqual([billing.email]);
  });
});

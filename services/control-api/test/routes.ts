import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Permission } from '../src/index.js';
import { mintOrgApiKey } from '../src/verbs/api-keys/create.js';
import { bearer, createServer, fixture, freshEmail, type TestApp, upload } from './helpers.js';

/** One org's resources that every authenticated route can be pointed at. */
export interface RouteFixture {
  orgId: string;
  slug: string;
  serverId: string;
  versionId: string;
  /** A second org-wide API key (the routes may revoke it; the org's first key stays). */
  keyId: string;
  /** A developer member (the routes may change or remove it). */
  memberId: string;
  memberEmail: string;
  endUserId: string;
  endUserEmail: string;
  clientId: string;
}

export const UPSTREAM_SECRET = 'sk_live_OWNER_SECRET_VALUE_42';

/**
 * Seeds a server with a version, an upstream credential, an end user, an OAuth client, a spare
 * API key and a developer member in the org of `key`.
 */
export async function seedRouteFixture(
  t: TestApp,
  orgId: string,
  key: string,
): Promise<RouteFixture> {
  const server = await createServer(t.app, key);
  const up = await upload(t.app, key, server.slug, fixture('v3.0__petstore-expanded.json'));
  await t.app.inject({
    method: 'PUT',
    url: `/api/v1/servers/${server.slug}/upstream`,
    headers: bearer(key),
    payload: { credential: { type: 'bearer', value: UPSTREAM_SECRET } },
  });
  const spare = await mintOrgApiKey(t, orgId, { name: 'spare' });
  const memberEmail = freshEmail('fixture');
  const member = await t.store.members.add(orgId, {
    email: memberEmail,
    role: 'developer',
    now: new Date(),
  });
  const endUserEmail = freshEmail('end-user');
  const endUser = await t.store.endUsers.recordLogin(
    orgId,
    server.serverId,
    endUserEmail,
    new Date(),
  );
  const client = await t.store.oauthClients.create({
    clientName: 'Fixture app',
    redirectUris: ['https://app.example/cb'],
    grantTypes: ['authorization_code', 'refresh_token'],
    responseTypes: ['code'],
    now: new Date(),
    orgId,
    serverId: server.serverId,
  });
  return {
    orgId,
    slug: server.slug,
    serverId: server.serverId,
    versionId: up.json().version.versionId,
    keyId: spare.record.keyId,
    memberId: member.memberId,
    memberEmail,
    endUserId: endUser.endUserId,
    endUserEmail,
    clientId: client.clientId,
  };
}

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (f: RouteFixture) => string;
  payload?: () => unknown;
  contentType?: string;
  /** Scoped to one of the org's resources: another org must get 404. */
  scoped: boolean;
  /** What the route requires (src/permissions.ts). */
  permission: Permission;
}

/** Every authenticated route of the control API (roles.security checks none is missing). */
export const ROUTES: RouteCase[] = [
  { name: 'GET /org', method: 'GET', url: () => '/api/v1/org', scoped: false, permission: 'view' },
  {
    name: 'POST /api-keys',
    method: 'POST',
    url: () => '/api/v1/api-keys',
    payload: () => ({ name: 'x' }),
    scoped: false,
    permission: 'administer',
  },
  {
    name: 'GET /api-keys',
    method: 'GET',
    url: () => '/api/v1/api-keys',
    scoped: false,
    permission: 'administer',
  },
  {
    name: 'DELETE /api-keys/{keyId}',
    method: 'DELETE',
    url: (f) => `/api/v1/api-keys/${f.keyId}`,
    scoped: true,
    permission: 'administer',
  },
  {
    name: 'POST /servers',
    method: 'POST',
    url: () => '/api/v1/servers',
    payload: () => ({ slug: `x-sec-${randomBytes(4).toString('hex')}`, name: 'x' }),
    scoped: false,
    permission: 'develop',
  },
  {
    name: 'GET /servers',
    method: 'GET',
    url: () => '/api/v1/servers',
    scoped: false,
    permission: 'view',
  },
  {
    name: 'GET /servers/{slug}',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'PATCH /servers/{slug}',
    method: 'PATCH',
    url: (f) => `/api/v1/servers/${f.slug}`,
    payload: () => ({ name: 'renamed' }),
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'POST /servers/{slug}/versions',
    method: 'POST',
    url: (f) => `/api/v1/servers/${f.slug}/versions`,
    payload: () => fixture('v3.0__petstore-expanded.json'),
    contentType: 'application/json',
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /servers/{slug}/versions',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/versions`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'GET /servers/{slug}/versions/{versionId}',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/versions/${f.versionId}`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'POST /servers/{slug}/versions/{versionId}/activate',
    method: 'POST',
    url: (f) => `/api/v1/servers/${f.slug}/versions/${f.versionId}/activate`,
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /servers/{slug}/tools',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/tools`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'GET /servers/{slug}/tool-config',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/tool-config`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'PUT /servers/{slug}/tool-config',
    method: 'PUT',
    url: (f) => `/api/v1/servers/${f.slug}/tool-config`,
    payload: () => ({ mode: 'dynamic', selection: { exclude: [{ method: 'get' }] } }),
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'PUT /servers/{slug}/upstream',
    method: 'PUT',
    url: (f) => `/api/v1/servers/${f.slug}/upstream`,
    payload: () => ({ baseUrl: 'https://attacker.example.com' }),
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /servers/{slug}/upstream',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/upstream`,
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /members',
    method: 'GET',
    url: () => '/api/v1/members',
    scoped: false,
    permission: 'administer',
  },
  {
    name: 'POST /members',
    method: 'POST',
    url: () => '/api/v1/members',
    payload: () => ({ email: freshEmail('added'), role: 'billing' }),
    scoped: false,
    permission: 'administer',
  },
  {
    name: 'PATCH /members/{memberId}',
    method: 'PATCH',
    url: (f) => `/api/v1/members/${f.memberId}`,
    payload: () => ({ role: 'billing' }),
    scoped: true,
    permission: 'administer',
  },
  {
    name: 'DELETE /members/{memberId}',
    method: 'DELETE',
    url: (f) => `/api/v1/members/${f.memberId}`,
    scoped: true,
    permission: 'administer',
  },
  {
    name: 'GET /servers/{slug}/end-users',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/end-users`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'GET /servers/{slug}/end-users/{endUserId}',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/end-users/${f.endUserId}`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'DELETE /servers/{slug}/end-users/{endUserId}',
    method: 'DELETE',
    url: (f) => `/api/v1/servers/${f.slug}/end-users/${f.endUserId}`,
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /auth-events',
    method: 'GET',
    url: (f) => `/api/v1/auth-events?serverId=${f.serverId}`,
    scoped: true,
    permission: 'view',
  },
  {
    name: 'POST /servers/{slug}/oauth-clients',
    method: 'POST',
    url: (f) => `/api/v1/servers/${f.slug}/oauth-clients`,
    payload: () => ({ clientName: 'x', redirectUris: ['http://127.0.0.1/cb'] }),
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'GET /servers/{slug}/oauth-clients',
    method: 'GET',
    url: (f) => `/api/v1/servers/${f.slug}/oauth-clients`,
    scoped: true,
    permission: 'develop',
  },
  {
    name: 'DELETE /servers/{slug}/oauth-clients/{clientId}',
    method: 'DELETE',
    url: (f) => `/api/v1/servers/${f.slug}/oauth-clients/${f.clientId}`,
    scoped: true,
    permission: 'develop',
  },
];

/** Sends `route` against fixture `f` with `headers`. */
export function callRoute(
  t: TestApp,
  route: RouteCase,
  f: RouteFixture,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const payload = route.payload?.();
  return t.app.inject({
    method: route.method,
    url: route.url(f),
    headers: { ...headers, ...(route.contentType ? { 'content-type': route.contentType } : {}) },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
}

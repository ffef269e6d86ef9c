import { describe, expect, it } from 'vitest';
import { freshTenant, type TestApp, withTestApp } from './helpers.js';
import { authorizeUrl, newClient, pkce, REDIRECT, resourceOf } from './oauth-helpers.js';

/** The error of an authorization request answered by redirect. */
async function redirectedError(t: TestApp, url: string): Promise<string | null> {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(302);
  return new URL(String(res.headers.location)).searchParams.get('error');
}

describe('default resource of org-registered clients (security)', () => {
  it('a bound client never gets another server, even of its own org', async () => {
    await withTestApp(async (t) => {
      const { server, orgId } = await freshTenant(t.store);
      const sibling = await t.store.servers.create(orgId, {
        slug: `${server.slug}-2`,
        name: 'Sibling',
        access: 'public',
      });
      const other = await freshTenant(t.store);
      const client = await t.store.oauthClients.create({
        clientName: 'Bound',
        redirectUris: [REDIRECT],
        grantTypes: ['authorization_code'],
        responseTypes: ['code'],
        orgId,
        serverId: server.serverId,
        now: t.clock.now(),
      });
      for (const resource of [resourceOf(sibling.slug), resourceOf(other.server.slug)]) {
        const error = await redirectedError(
          t,
          authorizeUrl({ client_id: client.clientId, code_challenge: pkce().challenge, resource }),
        );
        expect(error, resource).toBe('invalid_target');
      }
      const own = await t.app.inject({
        method: 'GET',
        url: authorizeUrl({
          client_id: client.clientId,
          code_challenge: pkce().challenge,
          resource: resourceOf(server.slug),
        }),
      });
      expect(own.statusCode).toBe(200);
    });
  });

  it('an unbound client without resource still gets invalid_target', async () => {
    await withTestApp(async (t) => {
      await freshTenant(t.store);
      const clientId = await newClient(t.app);
      const error = await redirectedError(
        t,
        authorizeUrl({ client_id: clientId, code_challenge: pkce().challenge }),
      );
      expect(error).toBe('invalid_target');
    });
  });
});

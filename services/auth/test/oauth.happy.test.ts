import { emailHash } from '@portico/store';
import { TOKEN_TYPES } from '@portico/tokens';
import { describe, expect, it } from 'vitest';
import { freshTenant, ORIGIN, uniqueEmail, withTestApp } from './helpers.js';
import {
  codeOf,
  flowOf,
  newClient,
  pkce,
  REDIRECT,
  registerClient,
  resourceOf,
  signInThroughPages,
  token,
} from './oauth-helpers.js';

describe('OAuth 2.1 for MCP (happy)', () => {
  it('publishes RFC 8414 metadata, RFC 9728 metadata per server, and the JWKS', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const as = await t.app.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      });
      expect(as.statusCode).toBe(200);
      expect(as.json()).toMatchObject({
        issuer: ORIGIN,
        authorization_endpoint: `${ORIGIN}/auth/authorize`,
        token_endpoint: `${ORIGIN}/auth/token`,
        registration_endpoint: `${ORIGIN}/auth/register`,
        revocation_endpoint: `${ORIGIN}/auth/revoke`,
        jwks_uri: `${ORIGIN}/auth/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        authorization_response_iss_parameter_supported: true,
        client_id_metadata_document_supported: true,
      });

      const prm = await t.app.inject({
        method: 'GET',
        url: `/.well-known/oauth-protected-resource/s/${server.slug}/mcp`,
      });
      expect(prm.statusCode).toBe(200);
      expect(prm.json()).toMatchObject({
        resource: resourceOf(server.slug),
        authorization_servers: [ORIGIN],
        scopes_supported: ['tools:read', 'tools:call'],
        bearer_methods_supported: ['header'],
      });
      const unknown = await t.app.inject({
        method: 'GET',
        url: '/.well-known/oauth-protected-resource/s/no-such-server-x/mcp',
      });
      expect(unknown.statusCode).toBe(404);

      const jwks = await t.app.inject({ method: 'GET', url: '/auth/jwks' });
      expect(jwks.statusCode).toBe(200);
      expect(jwks.headers['cache-control']).toBe('public, max-age=300');
      expect(jwks.json().keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(jwks.json().keys[0].d).toBeUndefined();
    });
  });

  it('registers a public client (RFC 7591) and refuses confidential or non-loopback http ones', async () => {
    await withTestApp(async (t) => {
      const ok = await registerClient(t.app);
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({
        client_id: expect.stringMatching(/^cli_/),
        client_name: 'Test MCP Client',
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
      });
      expect((await t.store.oauthClients.get(ok.json().client_id))?.clientName).toBe(
        'Test MCP Client',
      );

      const http = await registerClient(t.app, { redirect_uris: ['http://evil.example/cb'] });
      expect(http.statusCode).toBe(400);
      expect(http.json().error).toBe('invalid_redirect_uri');
      const secret = await registerClient(t.app, {
        token_endpoint_auth_method: 'client_secret_basic',
      });
      expect(secret.json().error).toBe('invalid_client_metadata');
      const noName = await registerClient(t.app, { client_name: undefined });
      expect(noName.json().error).toBe('invalid_client_metadata');
    });
  });

  it('runs the code flow through the pages: code + state + iss, at+jwt for the resource, refresh rotation, revocation', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store, 'Acme Weather');
      const clientId = await newClient(t.app);
      const { verifier, challenge } = pkce();
      const email = uniqueEmail('Alice');
      const resource = resourceOf(server.slug);
      const done = await signInThroughPages(
        t.app,
        t.mail,
        { client_id: clientId, code_challenge: challenge, resource },
        email,
      );
      const location = new URL(String(done.headers.location));
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get('state')).toBe('st-123');
      expect(location.searchParams.get('iss')).toBe(ORIGIN);

      const res = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: codeOf(done),
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 600,
        scope: 'tools:read tools:call',
      });
      const claims = await t.tokens.verify(body.access_token, {
        typ: TOKEN_TYPES.accessToken,
        audience: resource,
      });
      expect(claims).toMatchObject({
        sub: emailHash(email),
        clientId,
        scope: 'tools:read tools:call',
        orgId: server.orgId,
      });
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);

      const refreshed = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: body.refresh_token,
      });
      expect(refreshed.statusCode).toBe(200);
      expect(refreshed.json().refresh_token).not.toBe(body.refresh_token);

      const revoked = await t.app.inject({
        method: 'POST',
        url: '/auth/revoke',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          client_id: clientId,
          token: refreshed.json().refresh_token,
        }).toString(),
      });
      expect(revoked.statusCode).toBe(200);
      const after = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: refreshed.json().refresh_token,
      });
      expect(after.statusCode).toBe(400);
      expect(after.json().error).toBe('invalid_grant');

      const user = await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email));
      expect(user?.loginCount).toBe(1);
      const events = await t.store.authEvents.list(server.orgId, { now: t.clock.now() });
      const types = events.items.map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'code_verified',
          'token_issued',
          'token_refreshed',
          'token_revoked',
        ]),
      );
    });
  });

  it('accepts any port of a registered loopback redirect URI (RFC 8252 section 7.3)', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const clientId = await newClient(t.app);
      const { challenge } = pkce();
      const res = await t.app.inject({
        method: 'GET',
        url: `/auth/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: clientId,
          redirect_uri: 'http://127.0.0.1:51999/callback',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          resource: resourceOf(server.slug),
        })}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<label for="email">');
      expect(flowOf(res.body)).toContain('.');
    });
  });
});

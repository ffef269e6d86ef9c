import { describe, expect, it } from 'vitest';
import { freshTenant, requestCode, uniqueIp, withTestApp } from './helpers.js';
import {
  authorizationCodeFor,
  authorizeUrl,
  flowOf,
  newClient,
  pkce,
  postForm,
  REDIRECT,
  resourceOf,
  token,
} from './oauth-helpers.js';

describe('OAuth 2.1 for MCP (security)', () => {
  it('refresh-token reuse revokes the whole family and records refresh_reuse_detected', async () => {
    await withTestApp(async (t) => {
      const { server, clientId, verifier, code } = await authorizationCodeFor(t);
      const first = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      const rt1 = first.json().refresh_token as string;
      const second = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: rt1,
      });
      expect(second.statusCode).toBe(200);
      const rt2 = second.json().refresh_token as string;

      const reuse = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: rt1,
      });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().error).toBe('invalid_grant');
      // The legitimate, current token of the family is dead too.
      const current = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: rt2,
      });
      expect(current.json().error).toBe('invalid_grant');
      const events = await t.store.authEvents.list(server.orgId, { now: t.clock.now() });
      expect(events.items.map((e) => e.type)).toContain('refresh_reuse_detected');
    });
  });

  it('PKCE with a wrong verifier fails, and the code cannot be retried', async () => {
    await withTestApp(async (t) => {
      const { clientId, verifier, code } = await authorizationCodeFor(t);
      const fields = {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT,
      };
      const wrong = await token(t.app, { ...fields, code_verifier: pkce().verifier });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ error: 'invalid_grant' });
      const right = await token(t.app, { ...fields, code_verifier: verifier });
      expect(right.json().error).toBe('invalid_grant');
    });
  });

  it('a replayed authorization code fails and revokes the tokens issued from it', async () => {
    await withTestApp(async (t) => {
      const { server, clientId, verifier, code } = await authorizationCodeFor(t);
      const fields = {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      };
      const first = await token(t.app, fields);
      expect(first.statusCode).toBe(200);
      const replay = await token(t.app, fields);
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error).toBe('invalid_grant');

      const refreshed = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: first.json().refresh_token,
      });
      expect(refreshed.statusCode).toBe(400);
      expect(refreshed.json().error).toBe('invalid_grant');
      const events = await t.store.authEvents.list(server.orgId, { now: t.clock.now() });
      expect(events.items.filter((e) => e.type === 'code_replayed')).toHaveLength(1);
    });
  });

  it('a member session refresh token is not an OAuth refresh token', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      const clientId = await newClient(t.app);
      await requestCode(t.app, { email: member, audience: { kind: 'member', orgId } });
      const session = await t.app.inject({
        method: 'POST',
        url: '/auth/sessions',
        payload: { orgId, email: member, code: t.mail.codeFor(member) },
        remoteAddress: uniqueIp(),
      });
      expect(session.statusCode).toBe(200);
      const res = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: session.json().refresh_token,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_grant');
    });
  });

  it('a code expires after 60 s', async () => {
    await withTestApp(async (t) => {
      const { clientId, verifier, code } = await authorizationCodeFor(t);
      t.clock.advance(61_000);
      const late = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(late.json().error).toBe('invalid_grant');
    });
  });

  it('a redirect URI differing by one character fails at authorize and at the token endpoint', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const clientId = await newClient(t.app);
      const { challenge } = pkce();
      const res = await t.app.inject({
        method: 'GET',
        url: authorizeUrl({
          client_id: clientId,
          code_challenge: challenge,
          resource: resourceOf(server.slug),
          redirect_uri: `${REDIRECT}x`,
        }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers.location).toBeUndefined();

      const c = await authorizationCodeFor(t);
      const bad = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: c.clientId,
        code: c.code,
        redirect_uri: 'http://127.0.0.1:33418/callbacK',
        code_verifier: c.verifier,
      });
      expect(bad.json().error).toBe('invalid_grant');
    });
  });

  it('a missing or foreign resource is refused with invalid_target (RFC 8707), with state and iss', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const clientId = await newClient(t.app);
      const { challenge } = pkce();
      for (const resource of [
        undefined,
        'https://elsewhere.example/s/x/mcp',
        `${resourceOf(server.slug)}/`,
      ]) {
        const res = await t.app.inject({
          method: 'GET',
          url: authorizeUrl({
            client_id: clientId,
            code_challenge: challenge,
            ...(resource ? { resource } : {}),
          }),
        });
        expect(res.statusCode).toBe(302);
        const loc = new URL(String(res.headers.location));
        expect(loc.searchParams.get('error')).toBe('invalid_target');
        expect(loc.searchParams.get('state')).toBe('st-123');
        expect(loc.searchParams.get('iss')).toBe('http://portico.test');
      }
    });
  });

  it('refuses plain PKCE, unknown clients and an edited flow state', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const clientId = await newClient(t.app);
      const { challenge } = pkce();
      const resource = resourceOf(server.slug);
      const plain = await t.app.inject({
        method: 'GET',
        url: `${authorizeUrl({ client_id: clientId, code_challenge: challenge, resource })}`.replace(
          'code_challenge_method=S256',
          'code_challenge_method=plain',
        ),
      });
      expect(new URL(String(plain.headers.location)).searchParams.get('error')).toBe(
        'invalid_request',
      );
      const unknown = await t.app.inject({
        method: 'GET',
        url: authorizeUrl({ client_id: 'cli_nope', code_challenge: challenge, resource }),
      });
      expect(unknown.statusCode).toBe(400);

      const start = await t.app.inject({
        method: 'GET',
        url: authorizeUrl({ client_id: clientId, code_challenge: challenge, resource }),
      });
      const [payload, sig] = flowOf(start.body).split('.');
      const state = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
      const edited = Buffer.from(
        JSON.stringify({ ...state, step: 'consent', email: 'x@example.com' }),
      ).toString('base64url');
      const res = await postForm(t.app, '/auth/authorize', {
        flow: `${edited}.${sig}`,
        decision: 'approve',
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers.location).toBeUndefined();
    });
  });

  it('answers token errors per RFC 6749 section 5.2', async () => {
    await withTestApp(async (t) => {
      const clientId = await newClient(t.app);
      const noGrant = await token(t.app, { client_id: clientId });
      expect(noGrant.json().error).toBe('invalid_request');
      const badGrant = await token(t.app, { grant_type: 'password', client_id: clientId });
      expect(badGrant.json().error).toBe('unsupported_grant_type');
      const badClient = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: 'cli_nope',
        refresh_token: 'x',
      });
      expect(badClient.statusCode).toBe(401);
      expect(badClient.json().error).toBe('invalid_client');
    });
  });
});

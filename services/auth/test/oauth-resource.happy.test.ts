import { TOKEN_TYPES } from '@portico/tokens';
import { describe, expect, it } from 'vitest';
import { freshTenant, uniqueEmail, withTestApp } from './helpers.js';
import {
  codeOf,
  flowOf,
  pkce,
  REDIRECT,
  resourceOf,
  signInThroughPages,
  token,
} from './oauth-helpers.js';

describe('default resource of org-registered clients (happy)', () => {
  it('a client bound to a server gets that server when the request names no resource (RFC 8707 section 2)', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store, 'Acme Weather');
      const client = await t.store.oauthClients.create({
        clientName: 'Acme Support Bot',
        redirectUris: [REDIRECT],
        grantTypes: ['authorization_code', 'refresh_token'],
        responseTypes: ['code'],
        orgId: server.orgId,
        serverId: server.serverId,
        now: t.clock.now(),
      });
      const { verifier, challenge } = pkce();
      const start = await t.app.inject({
        method: 'GET',
        url: `/auth/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: client.clientId,
          redirect_uri: REDIRECT,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        })}`,
      });
      expect(start.statusCode).toBe(200);
      // The org named its own client: no "unverified" marker.
      expect(start.body).toContain('<strong>Acme Support Bot</strong> wants to use Acme Weather');
      expect(flowOf(start.body)).toContain('.');

      const done = await signInThroughPages(
        t.app,
        t.mail,
        { client_id: client.clientId, code_challenge: challenge },
        uniqueEmail(),
      );
      const res = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: codeOf(done),
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(res.statusCode).toBe(200);
      const claims = await t.tokens.verify(res.json().access_token, {
        typ: TOKEN_TYPES.accessToken,
        audience: resourceOf(server.slug),
      });
      expect(claims.orgId).toBe(server.orgId);
    });
  });
});

import { emailHash } from '@portico/store';
import { TOKEN_TYPES } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataServer, startMetadataServer } from './cimd-helpers.js';
import { freshTenant, type TestApp, uniqueEmail, withTestApp } from './helpers.js';
import {
  authorizeUrl,
  codeOf,
  flowOf,
  pkce,
  postForm,
  REDIRECT,
  resourceOf,
  token,
} from './oauth-helpers.js';

let meta: MetadataServer;
beforeAll(async () => {
  meta = await startMetadataServer();
});
afterAll(() => meta?.close());

const withCimdApp = <T>(fn: (t: TestApp) => Promise<T>): Promise<T> =>
  withTestApp(fn, { cimd: { allowHosts: [meta.host], ca: meta.ca } });

describe('Client ID Metadata Documents (happy)', () => {
  it('signs in through a metadata-document client: its host on the pages, then code, token and refresh', async () => {
    await withCimdApp(async (t) => {
      const { server } = await freshTenant(t.store, 'Acme Weather');
      const clientId = meta.serveDocument('/clients/desktop.json');
      const { verifier, challenge } = pkce();
      const resource = resourceOf(server.slug);
      const email = uniqueEmail('cimd');

      const start = await t.app.inject({
        method: 'GET',
        url: authorizeUrl({ client_id: clientId, code_challenge: challenge, resource }),
      });
      expect(start.statusCode).toBe(200);
      expect(start.body).toContain(`<strong class="host">${meta.host}</strong>`);
      expect(start.body).toContain('“Acme Desktop” (unverified name)');
      expect(start.body).not.toMatch(/<img|<script|src=/);

      const afterEmail = await postForm(t.app, '/auth/authorize', {
        flow: flowOf(start.body),
        email,
      });
      const consent = await postForm(t.app, '/auth/authorize', {
        flow: flowOf(afterEmail.body),
        code: t.mail.codeFor(email),
      });
      expect(consent.statusCode).toBe(200);
      expect(consent.body).toContain(`<title>Allow ${meta.host}?</title>`);
      expect(consent.body).toContain(`<strong class="host">${meta.host}</strong>`);
      const done = await postForm(t.app, '/auth/authorize', {
        flow: flowOf(consent.body),
        decision: 'approve',
      });

      const res = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: codeOf(done),
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(res.statusCode).toBe(200);
      const claims = await t.tokens.verify(res.json().access_token, {
        typ: TOKEN_TYPES.accessToken,
        audience: resource,
      });
      expect(claims).toMatchObject({ clientId, sub: emailHash(email), orgId: server.orgId });

      const refreshed = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: res.json().refresh_token,
      });
      expect(refreshed.statusCode).toBe(200);
      // Fetched once: the token endpoint used the cached document.
      expect(meta.hits('/clients/desktop.json')).toBe(1);
    });
  });

  it('caches a document for its max-age (clamped to at least 60 s), then fetches it again', async () => {
    await withCimdApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const path = '/clients/cached.json';
      const clientId = meta.serveDocument(path, {}, { 'cache-control': 'public, max-age=120' });
      const url = authorizeUrl({
        client_id: clientId,
        code_challenge: pkce().challenge,
        resource: resourceOf(server.slug),
      });
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      t.clock.advance(119_000);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      expect(meta.hits(path)).toBe(1);
      t.clock.advance(2_000);
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      expect(meta.hits(path)).toBe(2);

      const short = '/clients/short.json';
      const shortId = meta.serveDocument(short, {}, { 'cache-control': 'max-age=1' });
      const shortUrl = authorizeUrl({
        client_id: shortId,
        code_challenge: pkce().challenge,
        resource: resourceOf(server.slug),
      });
      await t.app.inject({ method: 'GET', url: shortUrl });
      t.clock.advance(59_000);
      await t.app.inject({ method: 'GET', url: shortUrl });
      expect(meta.hits(short)).toBe(1);
    });
  });
});

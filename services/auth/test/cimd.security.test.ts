import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataServer, startMetadataServer } from './cimd-helpers.js';
import { freshTenant, type TestApp, withTestApp } from './helpers.js';
import { authorizeUrl, pkce, REDIRECT, resourceOf, token } from './oauth-helpers.js';

let meta: MetadataServer;
beforeAll(async () => {
  meta = await startMetadataServer();
});
afterAll(() => meta?.close());

const withCimdApp = <T>(fn: (t: TestApp) => Promise<T>): Promise<T> =>
  withTestApp(fn, { cimd: { allowHosts: [meta.host], ca: meta.ca } });

/** GET /auth/authorize for `clientId`; asserts the refusal is on the page, not a redirect. */
async function refused(t: TestApp, clientId: string, redirectUri = REDIRECT): Promise<string> {
  const { server } = await freshTenant(t.store);
  const res = await t.app.inject({
    method: 'GET',
    url: authorizeUrl({
      client_id: clientId,
      redirect_uri: redirectUri,
      code_challenge: pkce().challenge,
      resource: resourceOf(server.slug),
    }),
  });
  expect(res.statusCode).toBe(400);
  expect(res.headers.location).toBeUndefined();
  expect(res.headers['content-type']).toContain('text/html');
  return res.body;
}

describe('Client ID Metadata Documents (security)', () => {
  it('refuses a document whose client_id is not its own URL', async () => {
    await withCimdApp(async (t) => {
      const clientId = meta.serveDocument('/mismatch.json', {
        client_id: `${meta.origin}/someone-else.json`,
      });
      expect(await refused(t, clientId)).toContain('names another client_id than its own URL');
    });
  });

  it('refuses http, root-path and non-canonical client_id URLs without fetching', async () => {
    await withCimdApp(async (t) => {
      meta.serveDocument('/plain.json');
      const http = `http://${meta.host}/plain.json`;
      expect(await refused(t, http)).toContain('must use https');
      expect(await refused(t, `${meta.origin}/`)).toContain('must have a path');
      expect(await refused(t, `${meta.origin}/a/../plain.json`)).toContain('. or .. path segments');
      expect(await refused(t, `${meta.origin}/plain.json#frag`)).toContain('fragment');
      expect(meta.hits('/plain.json')).toBe(0);
      expect(meta.hits('/')).toBe(0);
    });
  });

  it('refuses a redirect_uri the document does not list', async () => {
    await withCimdApp(async (t) => {
      const clientId = meta.serveDocument('/listed.json');
      expect(await refused(t, clientId, 'http://127.0.0.1:33418/other')).toContain(
        'redirect_uri is not registered',
      );
    });
  });

  it('refuses an oversize document and a redirect answer (never followed)', async () => {
    await withCimdApp(async (t) => {
      const big = meta.serveDocument('/big.json', { padding: 'x'.repeat(70 * 1024) });
      expect(await refused(t, big)).toContain('larger than 65536 bytes');
      meta.serveDocument('/target.json');
      meta.serve('/moved.json', {
        status: 302,
        headers: { location: `${meta.origin}/target.json` },
      });
      expect(await refused(t, `${meta.origin}/moved.json`)).toContain('redirect (302)');
      expect(meta.hits('/target.json')).toBe(0);
    });
  });

  it('refuses a private address unless the operator allows the host, before connecting', async () => {
    await withTestApp(
      async (t) => {
        const before = meta.connections();
        const clientId = meta.serveDocument('/private.json');
        expect(await refused(t, clientId)).toContain('is not allowed');
        expect(meta.connections()).toBe(before);
        expect(meta.hits('/private.json')).toBe(0);
      },
      { cimd: { ca: meta.ca } },
    );
  });

  it('refuses documents with a client secret or a secret-based auth method', async () => {
    await withCimdApp(async (t) => {
      const secret = meta.serveDocument('/secret.json', { client_secret: 's3cr3t' });
      expect(await refused(t, secret)).toContain('contains a client secret');
      const basic = meta.serveDocument('/basic.json', {
        token_endpoint_auth_method: 'client_secret_basic',
      });
      expect(await refused(t, basic)).toContain('only &quot;none&quot; is accepted');
      const grants = meta.serveDocument('/grants.json', { grant_types: ['client_credentials'] });
      expect(await refused(t, grants)).toContain('grant_types');
    });
  });

  it('remembers a failure for 30 s, so a bad URL is not fetched in a loop', async () => {
    await withCimdApp(async (t) => {
      const path = '/broken.json';
      meta.serve(path, { headers: { 'content-type': 'application/json' }, body: '{not json' });
      const clientId = `${meta.origin}${path}`;
      expect(await refused(t, clientId)).toContain('not valid JSON');
      expect(await refused(t, clientId)).toContain('not valid JSON');
      const res = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: 'x',
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('invalid_client');
      expect(meta.hits(path)).toBe(1);
      t.clock.advance(31_000);
      await refused(t, clientId);
      expect(meta.hits(path)).toBe(2);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataServer, startMetadataServer } from './cimd-helpers.js';
import { freshTenant, withTestApp } from './helpers.js';
import { authorizeUrl, pkce, resourceOf } from './oauth-helpers.js';

let meta: MetadataServer;
beforeAll(async () => {
  meta = await startMetadataServer();
});
afterAll(() => meta?.close());

describe('Client ID Metadata Documents (race)', () => {
  it('10 parallel authorization requests for one new client fetch its document once', async () => {
    await withTestApp(
      async (t) => {
        const { server } = await freshTenant(t.store);
        const clientId = meta.serveDocument('/clients/parallel.json');
        const url = authorizeUrl({
          client_id: clientId,
          code_challenge: pkce().challenge,
          resource: resourceOf(server.slug),
        });
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => t.app.inject({ method: 'GET', url })),
        );
        expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
        expect(meta.hits('/clients/parallel.json')).toBe(1);
      },
      { cimd: { allowHosts: [meta.host], ca: meta.ca } },
    );
  });
});

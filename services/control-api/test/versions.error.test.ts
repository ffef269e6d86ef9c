import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ maxSpecBytes: 256 * 1024 });
});
afterAll(() => t.close());

describe('spec version errors', () => {
  it('rejects a broken document with 422 and keeps the active version serving', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const good = await upload(t.app, key, server.slug, fixture('v3.0__petstore-expanded.json'));
    const active = good.json().version.versionId;

    const broken = await upload(t.app, key, server.slug, '{"openapi": "3.0.0", "paths": ');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error).toMatchObject({
      code: 'SPEC_INVALID',
      details: { pointer: '', specError: 'SPEC_PARSE' },
    });

    const unsupported = await upload(t.app, key, server.slug, '{"openapi": "9.0.0", "paths": {}}');
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.json().error.details.pointer).toBe('/openapi');

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}`,
      headers: bearer(key),
    });
    expect(got.json().server.activeVersionId).toBe(active);
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/versions`,
      headers: bearer(key),
    });
    expect(versions.json().versions).toHaveLength(1);
    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/tools`,
      headers: bearer(key),
    });
    expect(tools.json().versionId).toBe(active);
  });

  it('rejects unsupported media types and encodings, empty and broken gzip bodies', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const doc = fixture('v3.0__petstore-expanded.json');
    const html = await upload(t.app, key, server.slug, doc, { contentType: 'text/html' });
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const br = await upload(t.app, key, server.slug, doc, {
      headers: { 'content-encoding': 'br' },
    });
    expect(br.statusCode).toBe(415);
    const badGzip = await upload(t.app, key, server.slug, doc, {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(badGzip.statusCode).toBe(400);
    const empty = await upload(t.app, key, server.slug, '');
    expect(empty.statusCode).toBe(400);
  });

  it('enforces maxSpecBytes on the body and after gzip decoding', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const big = Buffer.from(JSON.stringify({ openapi: '3.0.0', pad: 'x'.repeat(300 * 1024) }));
    const tooBig = await upload(t.app, key, server.slug, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const bomb = await upload(
      t.app,
      key,
      server.slug,
      gzipSync(Buffer.alloc(10 * 1024 * 1024, 32)),
      {
        headers: { 'content-encoding': 'gzip' },
      },
    );
    expect(bomb.statusCode).toBe(413);
  });

  it('answers 404 for unknown versions and servers', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    for (const url of [
      `/api/v1/servers/${server.slug}/versions/ver_0000000000000000000000000`,
      `/api/v1/servers/${server.slug}/versions/garbage`,
      `/api/v1/servers/${server.slug}/tools`,
      `/api/v1/servers/${server.slug}/tools?version=ver_0000000000000000000000000`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(key) });
      expect(res.statusCode, url).toBe(404);
    }
    const activate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${server.slug}/versions/ver_0000000000000000000000000/activate`,
      headers: bearer(key),
    });
    expect(activate.statusCode).toBe(404);
    const up = await upload(t.app, key, 'no-such-server', fixture('v3.0__petstore-expanded.json'));
    expect(up.statusCode).toBe(404);
  });
});

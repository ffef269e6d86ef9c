import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  // Default limits: the generator's DEFAULT_MAX_DOCUMENT_BYTES (32 MiB).
  t = await testApp();
});
afterAll(() => t.close());

describe('spec upload size limit (default)', () => {
  it('answers 413 to a 50 MB document without parsing it and stores nothing', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    // Valid JSON all the way, so only the size can be the reason.
    const big = Buffer.alloc(50 * 1000 * 1000, 0x20);
    big.write('{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{}', 0);
    big.write('}', big.length - 1);
    const res = await upload(t.app, key, slug, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/versions`,
      headers: bearer(key),
    });
    expect(versions.json().versions).toEqual([]);
  });
});

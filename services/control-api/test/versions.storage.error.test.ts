import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.js';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

/** Storage limits (issue 8, item 4): versions kept per server, stored bytes per org. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({
    storageLimits: { maxVersionsPerServer: 2, maxStoredBytesPerOrg: 1024 * 1024 },
  });
});
afterAll(() => t.close());

/** A valid document carrying `bytes` of incompressible text (in its description). */
function bulkyDocument(bytes: number): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Bulky', version: '1', description: randomBytes(bytes).toString('base64') },
    paths: { '/x': { get: { operationId: 'getX', responses: { '200': { description: 'ok' } } } } },
  });
}

function versions(key: string, slug: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/servers/${slug}/versions`,
    headers: bearer(key),
  });
}

describe('storage limits', () => {
  it('prunes the oldest inactive version past maxVersionsPerServer and says which', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    const first = await upload(t.app, key, slug, fixture('v3.0__petstore-expanded.json'));
    const second = await upload(t.app, key, slug, fixture('v3.0__petstore-expanded.json'), {
      query: 'activate=false',
    });
    const third = await upload(t.app, key, slug, fixture('v3.0__petstore-expanded.json'), {
      query: 'activate=false',
    });
    expect(third.statusCode).toBe(201);
    expect(first.json().pruned).toEqual([]);
    expect(third.json().pruned).toEqual([second.json().version.versionId]);
    const listed = (await versions(key, slug))
      .json()
      .versions.map((v: { versionId: string; active: boolean }) => [v.versionId, v.active]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [first.json().version.versionId, true],
        [third.json().version.versionId, false],
      ]),
    );
    expect(listed).toHaveLength(2);
  });

  it('refuses a version past the org byte cap with 413 STORAGE_LIMIT; nothing stored, the active one serves', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    const first = await upload(t.app, key, slug, bulkyDocument(300_000));
    expect(first.statusCode).toBe(201);
    const before = (await versions(key, slug)).json();

    const res = await upload(t.app, key, slug, bulkyDocument(300_000));
    expect(res.statusCode).toBe(413);
    const { error } = res.json();
    expect(error.code).toBe('STORAGE_LIMIT');
    expect(error.details).toMatchObject({ limitBytes: 1024 * 1024 });
    expect(error.details.storedBytes).toBeGreaterThan(300_000);
    expect(error.details.versionBytes).toBeGreaterThan(300_000);
    expect((await versions(key, slug)).json()).toEqual(before);
    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tools`,
      headers: bearer(key),
    });
    expect(tools.statusCode).toBe(200);
    expect(tools.json().versionId).toBe(first.json().version.versionId);
  });

  it('the cap is per org: another org uploads the same document', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    expect((await upload(t.app, key, slug, bulkyDocument(300_000))).statusCode).toBe(201);
  });

  it('refuses limits below the minimum at boot', async () => {
    await expect(
      buildApp({ store: t.store, storageLimits: { maxVersionsPerServer: 1 } }),
    ).rejects.toThrow(/maxVersionsPerServer/);
    await expect(
      buildApp({ store: t.store, storageLimits: { maxStoredBytesPerOrg: 1000 } }),
    ).rejects.toThrow(/maxStoredBytesPerOrg/);
  });
});

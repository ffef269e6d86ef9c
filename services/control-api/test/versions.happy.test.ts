import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('spec versions', () => {
  it('uploads a document, activates it and lists its tools', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const res = await upload(t.app, key, server.slug, fixture('v3.0__petstore-expanded.json'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.active).toBe(true);
    expect(body.version).toMatchObject({ toolCount: 4, active: true });
    expect(body.version.info.specVersion).toBe('3.0.0');
    expect(body.report.counts.operations).toBe(4);

    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/tools`,
      headers: bearer(key),
    });
    expect(tools.statusCode).toBe(200);
    const list = tools.json();
    expect(list.versionId).toBe(body.version.versionId);
    expect(list.tools.map((x: { name: string }) => x.name)).toEqual([
      'findPets',
      'addPet',
      'find_pet_by_id',
      'deletePet',
    ]);
    const find = list.tools.find((x: { name: string }) => x.name === 'findPets');
    expect(find.inputSchema.type).toBe('object');
    expect(find.annotations.readOnlyHint).toBe(true);
    expect(find.binding).toBeUndefined();

    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}`,
      headers: bearer(key),
    });
    expect(got.json().server.activeVersionId).toBe(body.version.versionId);
  });

  it('keeps the active version on ?activate=false, lists versions, activates and rolls back', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    // The first upload always activates, even with activate=false.
    const first = await upload(
      t.app,
      key,
      server.slug,
      fixture('nytimes.com__article_search.json'),
      {
        query: 'activate=false',
      },
    );
    expect(first.json().active).toBe(true);
    const v1 = first.json().version.versionId;
    const second = await upload(
      t.app,
      key,
      server.slug,
      fixture('v2.0__yaml__petstore-expanded.yaml'),
      { contentType: 'application/yaml', query: 'activate=false' },
    );
    expect(second.statusCode).toBe(201);
    expect(second.json().active).toBe(false);
    expect(second.json().report.format).toBe('yaml');
    const v2 = second.json().version.versionId;

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/versions`,
      headers: bearer(key),
    });
    expect(
      list
        .json()
        .versions.map((v: { versionId: string; active: boolean }) => [v.versionId, v.active]),
    ).toEqual([
      [v2, false],
      [v1, true],
    ]);

    const toolsOfV2 = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/tools?version=${v2}`,
      headers: bearer(key),
    });
    expect(toolsOfV2.json().tools).toHaveLength(4);

    const activated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${server.slug}/versions/${v2}/activate`,
      headers: bearer(key),
    });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().server.activeVersionId).toBe(v2);

    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/versions/${v1}`,
      headers: bearer(key),
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().version).toMatchObject({ versionId: v1, active: false });
    expect(detail.json().report.operations[0].pointer).toMatch(/^\/paths\//);

    const rollback = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${server.slug}/versions/${v1}/activate`,
      headers: bearer(key),
    });
    expect(rollback.json().server.activeVersionId).toBe(v1);
  });

  it('accepts a gzip-encoded body, text/plain and octet-stream', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const yaml = fixture('v2.0__yaml__petstore-expanded.yaml');
    const gz = await upload(t.app, key, server.slug, gzipSync(yaml), {
      contentType: 'application/x-yaml',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(gz.statusCode).toBe(201);
    expect(gz.json().version.documentBytes).toBe(yaml.byteLength);
    for (const contentType of ['text/plain', 'application/octet-stream', 'text/yaml']) {
      const res = await upload(t.app, key, server.slug, yaml, { contentType });
      expect(res.statusCode).toBe(201);
    }
  });

  it("uploads GitHub's 13 MB description gzip-encoded", async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const res = await upload(t.app, key, server.slug, fixture('api.github.com.json.gz'), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.version.documentBytes).toBeGreaterThan(10_000_000);
    expect(body.version.toolCount).toBeGreaterThan(1000);
    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/tools`,
      headers: bearer(key),
    });
    expect(tools.statusCode).toBe(200);
    expect(tools.json().tools).toHaveLength(body.version.toolCount);
  }, 120_000);
});

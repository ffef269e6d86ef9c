import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismMock, startPrism } from '@portico/devkit';
import { mintApiKey } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_IN_SLUG, DEMO_SLUG, demoUpstreamGrants, ensureDemo } from '../src/demo.js';
import { type Platform, startPlatform } from '../src/platform.js';

// Issue 8 item 8: the demo's Prism is granted to the demo servers only. Before, the stack allowed
// 127.0.0.1:<prism> for the whole platform, so any org could point its upstream at it and read it.

const SPEC = join(import.meta.dirname, '..', 'demo', 'petstore-expanded.json');
let prism: PrismMock;
let platform: Platform;

beforeAll(async () => {
  prism = await startPrism(SPEC);
  platform = await startPlatform({
    host: '127.0.0.1',
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'portico-local-grants-')),
    tableName: 'portico',
    inMemory: true,
    allowUpstreamHosts: demoUpstreamGrants(`127.0.0.1:${prism.port}`),
  });
});

afterAll(async () => {
  await platform?.stop();
  await prism?.stop();
});

async function findPets(slug: string, key: string) {
  const res = await fetch(`${platform.url}/s/${slug}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'findPets', arguments: {} },
    }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    result: { isError?: boolean; content: { text: string }[] };
  };
  return body.result;
}

describe('demo upstream grants', () => {
  it('grants the slug form to the two demo servers', () => {
    expect(demoUpstreamGrants('127.0.0.1:4010')).toEqual([
      `${DEMO_SLUG}=127.0.0.1:4010`,
      `${DEMO_SIGN_IN_SLUG}=127.0.0.1:4010`,
    ]);
  });

  it("the demo server reaches Prism; another org's server pointed at it is refused", async () => {
    const demo = await ensureDemo(platform.controlApi, {
      statePath: join(mkdtempSync(join(tmpdir(), 'portico-demo-')), 'demo.json'),
      specPath: SPEC,
      upstreamUrl: prism.url,
    });
    expect((await findPets(demo.slug, demo.apiKey)).isError).not.toBe(true);

    const other = await platform.store.orgs.create({ name: 'Another org' });
    const { key, hash, hint } = mintApiKey();
    await platform.store.apiKeys.create(other.orgId, { name: 'k', hash, hint });
    const api = (method: 'POST' | 'PUT', url: string, payload: object | Buffer, type?: string) =>
      platform.controlApi.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}`, ...(type ? { 'content-type': type } : {}) },
        payload,
      });
    const slug = 'not-the-demo';
    expect(
      (await api('POST', '/api/v1/servers', { slug, name: 'x', access: 'api_key' })).statusCode,
    ).toBe(201);
    const upload = await api(
      'POST',
      `/api/v1/servers/${slug}/versions`,
      readFileSync(SPEC),
      'application/json',
    );
    expect(upload.statusCode).toBe(201);
    const put = await api('PUT', `/api/v1/servers/${slug}/upstream`, { baseUrl: prism.url });
    expect(put.statusCode).toBe(200);

    const refused = await findPets(slug, key);
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(
      /^Upstream call refused: address 127\.0\.0\.1 is not allowed/,
    );
  });
});

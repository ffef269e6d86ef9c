import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  type SeededServer,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

let store: Store;
let capture: CaptureServer;
let gateway: RunningGateway;

beforeAll(async () => {
  store = testStore();
  capture = await startCaptureServer();
  // A short server TTL so a configuration change is picked up quickly; nothing else depends on it.
  gateway = await startGateway({
    store,
    upstream: { allowHosts: [capture.host] },
    cache: { serverTtlMs: 50 },
  });
});
afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

async function configured(): Promise<SeededServer> {
  const seeded = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  await store.toolConfigs.put(seeded.orgId, seeded.server.serverId, {
    mode: 'all',
    selection: { exclude: [{ method: 'post' }] },
    overrides: { getItem: { name: 'fetch_item', description: 'Fetch one item by id.' } },
  });
  return seeded;
}

async function listNames(url: string): Promise<string[]> {
  const res = await postJsonRpc(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
  return res.body.result.tools.map((t: { name: string }) => t.name);
}

describe('tool configuration at the gateway', () => {
  it('lists only selected tools, renamed and re-described', async () => {
    const { slug } = await configured();
    const res = await postJsonRpc(gateway.url(slug), {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
    });
    expect(res.body.result.tools).toHaveLength(1);
    expect(res.body.result.tools[0]).toMatchObject({
      name: 'fetch_item',
      description: 'Fetch one item by id.',
    });
  });

  it('calls a renamed tool by its new name; old and excluded names are unknown tools', async () => {
    const { slug } = await configured();
    const client = new Client({ name: 'cfg-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url(slug))));
    try {
      const seen = capture.requests.length;
      const ok = await client.callTool({ name: 'fetch_item', arguments: { id: 7 } });
      expect(ok.isError).toBeFalsy();
      expect(capture.requests.at(-1)?.url).toBe('/items/7');
      for (const name of ['getItem', 'createItem']) {
        await expect(client.callTool({ name, arguments: { id: 1, name: 'x' } })).rejects.toThrow(
          /Unknown tool/,
        );
      }
      expect(capture.requests.length).toBe(seen + 1);
    } finally {
      await client.close();
    }
  });

  it('serves a new configuration once the server record is re-read (tool-set key changes)', async () => {
    const seeded = await configured();
    const url = gateway.url(seeded.slug);
    expect(await listNames(url)).toEqual(['fetch_item']);
    await store.toolConfigs.put(seeded.orgId, seeded.server.serverId, {
      mode: 'all',
      selection: {},
      overrides: {},
    });
    await vi.waitFor(async () => expect(await listNames(url)).toEqual(['getItem', 'createItem']), {
      timeout: 5_000,
      interval: 60,
    });
  });

  it('in dynamic mode searches and calls the selected tools only, by their served names', async () => {
    const seeded = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
    await store.toolConfigs.put(seeded.orgId, seeded.server.serverId, {
      mode: 'dynamic',
      selection: { exclude: [{ operationId: 'createItem' }] },
      overrides: { getItem: { name: 'fetch_item' } },
    });
    const client = new Client({ name: 'cfg-dyn', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url(seeded.slug))));
    try {
      const search = await client.callTool({ name: 'search_tools', arguments: { query: 'item' } });
      const hits = (search.structuredContent as { tools: { name: string }[] }).tools;
      expect(hits.map((h) => h.name)).toEqual(['fetch_item']);
      const excluded = await client.callTool({
        name: 'call_tool',
        arguments: { name: 'createItem', arguments: { name: 'x' } },
      });
      expect(excluded.isError).toBe(true);
      expect(JSON.stringify(excluded.content)).toContain('Unknown tool: createItem');
      const ok = await client.callTool({
        name: 'call_tool',
        arguments: { name: 'fetch_item', arguments: { id: 3 } },
      });
      expect(ok.isError).toBeFalsy();
      expect(capture.requests.at(-1)?.url).toBe('/items/3');
    } finally {
      await client.close();
    }
  });
});

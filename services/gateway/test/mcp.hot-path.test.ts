import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { McpEndpoint } from '../src/transport/endpoint.js';
import { MODERN_REVISIONS } from '../src/transport/hot-message.js';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

/** Counts exchanges that reached the SDK (a per-request SDK Server): the hot path must not. */
const sdkExchanges = vi.spyOn(McpEndpoint.prototype, 'handle');

let capture: CaptureServer;
let gateway: RunningGateway;
let url: string;

beforeAll(async () => {
  capture = await startCaptureServer();
  const store = testStore();
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
  const seeded = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  url = gateway.url(seeded.slug);
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const modernHeaders = (method: string, name?: string): Record<string, string> => ({
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': method,
  ...(name !== undefined ? { 'mcp-name': name } : {}),
});

describe('hot path: tools/list and tools/call without an SDK server per request', () => {
  for (const pin of ['2025-11-25', '2026-07-28'] as const) {
    it(`v2 client on ${pin}: list and call are answered by the hot path`, async () => {
      // The v2 client pins modern revisions only; `legacy` is its 2025-11-25 handshake mode.
      const mode = pin === '2026-07-28' ? { pin } : 'legacy';
      const client = new Client(
        { name: 'hot-test', version: '1.0.0' },
        { versionNegotiation: { mode } },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(pin);
        const before = sdkExchanges.mock.calls.length;
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(['createItem', 'getItem']);
        for (const tool of tools) expect(tool).not.toHaveProperty('outputSchema');
        const seen = capture.requests.length;
        const result = await client.callTool({ name: 'getItem', arguments: { id: 5 } });
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toEqual({ ok: true });
        expect(capture.requests.slice(seen).map((r) => r.url)).toEqual(['/items/5']);
        await expect(
          client.callTool({ name: 'getItem', arguments: { id: 'x' } }),
        ).rejects.toMatchObject({ code: -32602 });
        expect(sdkExchanges.mock.calls.length).toBe(before);
      } finally {
        await client.close();
      }
    });
  }

  it('v1 client (2025-11-25): only initialize reaches the SDK', async () => {
    const before = sdkExchanges.mock.calls.length;
    const client = new V1Client({ name: 'hot-test-v1', version: '1.0.0' });
    await client.connect(new V1Transport(new URL(url)));
    try {
      expect(client.getServerVersion()?.name).toMatch(/^portico\//);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(2);
      const result = await client.callTool({ name: 'createItem', arguments: { name: 'a' } });
      expect(result.isError).toBeFalsy();
      await client.ping();
    } finally {
      await client.close();
    }
    // initialize only; notifications/initialized, tools/list, tools/call and ping are ours.
    expect(sdkExchanges.mock.calls.length - before).toBe(1);
  });

  it('2026-07-28 results carry resultType and the server identity; errors are in-band', async () => {
    const list = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 'l', method: 'tools/list', params: { _meta: ENVELOPE } },
      modernHeaders('tools/list'),
    );
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    expect(list.body).toMatchObject({
      jsonrpc: '2.0',
      id: 'l',
      result: { resultType: 'complete', ttlMs: 0, cacheScope: 'private' },
    });
    expect(list.body.result._meta['io.modelcontextprotocol/serverInfo'].name).toMatch(/^portico\//);
    const call = await postJsonRpc(
      url,
      {
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { _meta: ENVELOPE, name: 'getItem', arguments: { id: 1 } },
      },
      modernHeaders('tools/call', 'getItem'),
    );
    expect(call.body.result.resultType).toBe('complete');
    expect(call.body.result._meta['io.modelcontextprotocol/serverInfo']).toBeDefined();
    const unknown = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { _meta: ENVELOPE, name: 'nope' } },
      modernHeaders('tools/call', 'nope'),
    );
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ id: 8, error: { code: -32602 } });
  });

  it('2026-07-28 ladder rejections stay the SDK answers (missing Mcp-Name -> 400 / -32020)', async () => {
    const res = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { _meta: ENVELOPE, name: 'getItem' } },
      modernHeaders('tools/call'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32020);
  });

  it('MODERN_REVISIONS matches what server/discover advertises', async () => {
    const res = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: ENVELOPE } },
      modernHeaders('server/discover'),
    );
    expect(res.body.result.supportedVersions).toEqual([...MODERN_REVISIONS]);
  });
});

describe('notifications and batches', () => {
  it('a notification is 202 Accepted with an empty body, on both revisions', async () => {
    const before = sdkExchanges.mock.calls.length;
    for (const [message, headers] of [
      [{ jsonrpc: '2.0', method: 'notifications/initialized' }, {}],
      [
        { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
        modernHeaders('notifications/cancelled'),
      ],
    ] as const) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify(message),
      });
      expect(res.status).toBe(202);
      expect(await res.text()).toBe('');
    }
    expect(sdkExchanges.mock.calls.length).toBe(before);
  });

  it('a 2025-era batch is refused with 400 / -32600 (batches left MCP in 2025-06-18)', async () => {
    const before = sdkExchanges.mock.calls.length;
    const res = await postJsonRpc(url, [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32600);
    expect(sdkExchanges.mock.calls.length).toBe(before);
  });

  it('a batch with a 2026-07-28 element is refused with 400 / -32600', async () => {
    const res = await postJsonRpc(url, [
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: ENVELOPE } },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32600);
  });
});

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  seedServer,
  startGateway,
  testStore,
} from './support/env.js';

/** A synthetic OpenAPI document with `count` GET operations (GitHub has 1,223). */
function manyToolsDocument(count: number): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    paths[`/things${i}/{id}`] = {
      get: {
        operationId: `getThing${i}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok' } },
      },
    };
  }
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Many', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths,
  });
}

let store: Store;
let gateway: RunningGateway;
let manyUrl: string;

beforeAll(async () => {
  store = testStore();
  gateway = await startGateway({ store, allowedOrigins: ['https://inspector.example.com'] });
  const seeded = await seedServer(store, { document: manyToolsDocument(1_200) });
  manyUrl = gateway.url(seeded.slug);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

type Lister = (cursor?: string) => Promise<{ tools: { name: string }[]; nextCursor?: string }>;

async function listAll(list: Lister): Promise<{ names: string[]; pageSizes: number[] }> {
  const names: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    names.push(...page.tools.map((t) => t.name));
    pageSizes.push(page.tools.length);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pageSizes.length < 10);
  return { names, pageSizes };
}

describe('tools/list pagination (1,200 tools, pages of 500)', () => {
  for (const mode of ['legacy', { pin: '2026-07-28' }] as const) {
    const label = typeof mode === 'string' ? '2025-11-25' : mode.pin;
    it(`v2 client, ${label}: listTools() follows our cursors to every tool once`, async () => {
      const client = new Client(
        { name: 'page-test', version: '1.0.0' },
        { versionNegotiation: { mode } },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(manyUrl)));
      try {
        // The v2 client walks nextCursor itself when called without a cursor.
        const { tools } = await client.listTools();
        expect(new Set(tools.map((t) => t.name)).size).toBe(1_200);
        const last = await client.listTools({ cursor: 'p2' });
        expect(last.tools).toHaveLength(200);
        expect(last.nextCursor).toBeUndefined();
      } finally {
        await client.close();
      }
    });
  }

  it('raw 2026-07-28 pages: 500 + 500 + 200 with nextCursor', async () => {
    const envelope = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const { names, pageSizes } = await listAll(async (cursor) => {
      const res = await postJsonRpc(
        manyUrl,
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: { _meta: envelope, ...(cursor !== undefined ? { cursor } : {}) },
        },
        { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
      );
      expect(res.body.result.resultType).toBe('complete');
      return res.body.result;
    });
    expect(pageSizes).toEqual([500, 500, 200]);
    expect(new Set(names).size).toBe(1_200);
  });

  it('v1 client: every tool once', async () => {
    const client = new V1Client({ name: 'page-test-v1', version: '1.0.0' });
    await client.connect(new V1Transport(new URL(manyUrl)));
    try {
      const { names, pageSizes } = await listAll((cursor) =>
        client.listTools(cursor !== undefined ? { cursor } : undefined),
      );
      expect(pageSizes).toEqual([500, 500, 200]);
      expect(new Set(names).size).toBe(1_200);
    } finally {
      await client.close();
    }
  });

  it('an unknown or out-of-range cursor is -32602', async () => {
    for (const cursor of ['nope', 'p3', 'p0']) {
      const res = await postJsonRpc(manyUrl, {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { cursor },
      });
      expect(res.body).toMatchObject({ id: 1, error: { code: -32602 } });
    }
  });
});

describe('Origin validation (DNS-rebinding protection)', () => {
  let url: string;
  beforeAll(async () => {
    url = gateway.url((await seedServer(store, { document: echoDocument() })).slug);
  });
  const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };

  it('a foreign Origin is refused with 403 and a JSON-RPC error, before any work', async () => {
    for (const origin of ['https://evil.example.com', 'null', 'not a url']) {
      const res = await postJsonRpc(url, ping, { origin });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32003 } });
    }
    const get = await fetch(url, { headers: { origin: 'https://evil.example.com' } });
    expect(get.status).toBe(403);
  });

  it('no Origin, a same-origin Origin, and an allowed Origin are served', async () => {
    expect((await postJsonRpc(url, ping)).status).toBe(200);
    expect((await postJsonRpc(url, ping, { origin: gateway.origin })).status).toBe(200);
    const allowed = await postJsonRpc(url, ping, { origin: 'https://Inspector.example.com:443' });
    expect(allowed.status).toBe(200);
  });

  it('with allowedHosts, a rebound Host (and its own Origin) is refused', async () => {
    const guarded = await startGateway({ store, allowedHosts: ['localhost', '127.0.0.1'] });
    try {
      const slug = new URL(url).pathname;
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      };
      const rebound = await guarded.app.inject({
        method: 'POST',
        url: slug,
        headers: { ...headers, host: 'evil.example.com', origin: 'http://evil.example.com' },
        payload: ping,
      });
      expect(rebound.statusCode).toBe(403);
      const local = await guarded.app.inject({
        method: 'POST',
        url: slug,
        headers: { ...headers, host: 'localhost:8080', origin: 'http://localhost:8080' },
        payload: ping,
      });
      expect(local.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

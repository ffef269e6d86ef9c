import { readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type PrismMock, startPrism } from '@portico/devkit';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const fixture = new URL('./fixtures/petstore-expanded.json', import.meta.url);

let prism: PrismMock;
let capture: CaptureServer;
let gateway: RunningGateway;
let store: Store;
let petsUrl: string;
let echoUrl: string;

beforeAll(async () => {
  [prism, capture] = await Promise.all([startPrism(fixture.pathname), startCaptureServer()]);
  store = testStore();
  gateway = await startGateway({
    store,
    upstream: {
      allowHosts: [new URL(prism.url).host, capture.host],
      timeoutMs: 500,
      maxResponseBytes: 64,
    },
  });
  const pets = await seedServer(store, {
    document: readFileSync(fixture, 'utf8'),
    baseUrl: prism.url,
  });
  petsUrl = gateway.url(pets.slug);
  const echo = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  echoUrl = gateway.url(echo.slug);
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([prism?.stop(), capture?.close()]);
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'error-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

describe('bad tool calls are JSON-RPC invalid params and never reach the upstream', () => {
  it('unknown tool -> -32602', async () => {
    const res = await postJsonRpc(petsUrl, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'noSuchTool', arguments: {} },
    });
    expect(res.body.error.code).toBe(-32602);
    expect(res.body.error.message).toMatch(/Unknown tool/);
  });

  it('wrong argument types -> -32602 with the schema errors; Prism got nothing', async () => {
    const before = prism.violations().length;
    const client = await connect(petsUrl);
    try {
      await expect(
        client.callTool({ name: 'find_pet_by_id', arguments: { id: 'not-a-number' } }),
      ).rejects.toMatchObject({ code: -32602 });
      await expect(
        client.callTool({ name: 'addPet', arguments: { tag: 'x' } }),
      ).rejects.toMatchObject({
        code: -32602,
      });
    } finally {
      await client.close();
    }
    expect(prism.violations().length).toBe(before);
    expect(prism.violations()).toEqual([]);
  });

  it('wrong argument types on the 2026-07-28 revision -> -32602, capture upstream untouched', async () => {
    const seen = capture.requests.length;
    const client = new Client(
      { name: 'error-test', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(echoUrl)));
    try {
      await expect(
        client.callTool({ name: 'getItem', arguments: { id: 'abc' } }),
      ).rejects.toMatchObject({ code: -32602 });
      await expect(client.callTool({ name: 'createItem', arguments: {} })).rejects.toMatchObject({
        code: -32602,
      });
    } finally {
      await client.close();
    }
    expect(capture.requests.length).toBe(seen);
  });
});

describe('upstream failures are tool results with isError', () => {
  it('upstream 500 -> isError result with the status', async () => {
    capture.respond(() => ({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"e":1}',
    }));
    const client = await connect(echoUrl);
    try {
      const result = await client.callTool({ name: 'getItem', arguments: { id: 1 } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('500');
    } finally {
      await client.close();
    }
  });

  it('upstream slower than timeoutMs -> isError with a clear message, no stack', async () => {
    const { createServer } = await import('node:http');
    const slow = createServer(() => {
      // never answers
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    const seeded = await seedServer(store, {
      document: echoDocument(),
      baseUrl: `http://127.0.0.1:${port}`,
    });
    const gw = await startGateway({
      store,
      upstream: { allowHosts: [`127.0.0.1:${port}`], timeoutMs: 300 },
    });
    const client = await connect(gw.url(seeded.slug));
    try {
      const result = await client.callTool({ name: 'getItem', arguments: { id: 1 } });
      expect(result.isError).toBe(true);
      const text = (result.content as { text: string }[])[0]?.text ?? '';
      expect(text).toMatch(/did not answer within 300 ms/);
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    } finally {
      await client.close();
      await gw.close();
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('a body over maxResponseBytes is cut and the cut is noted', async () => {
    capture.respond(() => ({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(500),
    }));
    const client = await connect(echoUrl);
    try {
      const result = await client.callTool({ name: 'getItem', arguments: { id: 2 } });
      const text = (result.content as { text: string }[]).map((c) => c.text).join('\n');
      // The body shown is the first 64 bytes, then the generator's notice with the full size.
      expect(text.split('\n')[0]).toBe('x'.repeat(64));
      expect(text).toMatch(/\[truncated: showing 64 of (500|more) bytes\]/);
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('a 3xx is returned as the result, not followed', async () => {
    capture.respond((req) =>
      req.url.startsWith('/items/')
        ? { status: 302, headers: { location: `${capture.url}/elsewhere` } }
        : { status: 200, body: 'followed!' },
    );
    const seen = capture.requests.length;
    const client = await connect(echoUrl);
    try {
      const result = await client.callTool({ name: 'getItem', arguments: { id: 3 } });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('302');
      expect(capture.requests.slice(seen).map((r) => r.url)).toEqual(['/items/3']);
    } finally {
      await client.close();
    }
  });
});

describe('HTTP-level errors', () => {
  it('unknown slug -> 404 JSON-RPC error', async () => {
    const res = await postJsonRpc(`${gateway.origin}/s/no-such-server-here/mcp`, {
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/list',
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ jsonrpc: '2.0', id: 9, error: { code: -32004 } });
  });

  it('server without an active version -> 404', async () => {
    const seeded = await seedServer(store, { document: echoDocument(), activate: false });
    const res = await postJsonRpc(gateway.url(seeded.slug), {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
    });
    expect(res.status).toBe(404);
  });

  it('non-JSON content type -> 415; malformed JSON -> 400 parse error', async () => {
    const wrongType = await fetch(petsUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(wrongType.status).toBe(415);
    const malformed = await fetch(petsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{"jsonrpc":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });
});

import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_REFUSED } from '../src/admission/admission.js';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  type SeededServer,
  seedApiKey,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

/**
 * Issue 8 item 10, protocol edges: batches (one POST was N upstream calls), DELETE whatever its
 * body, an invalid MCP-Protocol-Version echoed back whole, and two different keys in one request.
 * The upstream is a capture server on 127.0.0.1 that counts the requests it receives.
 */
let store: Store;
let capture: CaptureServer;
let gateway: RunningGateway;
let open: SeededServer;
let keyed: SeededServer;

const call = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'getItem', arguments: { id } },
});
const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

beforeAll(async () => {
  store = testStore();
  capture = await startCaptureServer();
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
  open = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  keyed = await seedServer(store, {
    document: echoDocument(),
    access: 'api_key',
    baseUrl: capture.url,
  });
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

describe('JSON-RPC batches are refused (removed from MCP in 2025-06-18)', () => {
  it('a batch of 100 tools/call: 400 / -32600, and the upstream receives no request', async () => {
    const before = capture.requests.length;
    const batch = Array.from({ length: 100 }, (_, i) => call(i + 1));
    const res = await postJsonRpc(gateway.url(open.slug), batch);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: BATCH_REFUSED, data: { code: 'BAD_REQUEST' } },
    });
    expect(capture.requests.length - before).toBe(0);
    // A single call still goes through: the refusal is about the batch, not the tool.
    const single = await postJsonRpc(gateway.url(open.slug), call(1));
    expect(single.body.result.isError).toBeUndefined();
    expect(capture.requests.length - before).toBe(1);
  });

  it('every batch: one message, initialize, notifications, empty, or at an unknown slug', async () => {
    const before = capture.requests.length;
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      },
    };
    for (const batch of [
      [call(1)],
      [initialize],
      [list, { jsonrpc: '2.0', method: 'notifications/initialized' }],
      [],
    ]) {
      const res = await postJsonRpc(gateway.url(open.slug), batch);
      expect(res.status, JSON.stringify(batch)).toBe(400);
      expect(res.body.error.code).toBe(-32600);
    }
    // Refused before the slug is looked up or the caller admitted.
    const unknown = await postJsonRpc(gateway.url('no-such-server'), [call(1)]);
    expect(unknown.status).toBe(400);
    const keyless = await postJsonRpc(gateway.url(keyed.slug), [call(1)]);
    expect(keyless.status).toBe(400);
    expect(capture.requests.length - before).toBe(0);
  });
});

describe('GET and DELETE are 405 whatever they carry (stateless: no stream, no session)', () => {
  const bodies: [string, Record<string, string>, string | undefined][] = [
    ['no body', {}, undefined],
    ['a JSON body', { 'content-type': 'application/json' }, JSON.stringify(list)],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"jsonrpc":'],
    ['a text/plain body', { 'content-type': 'text/plain' }, 'end my session'],
    ['an unknown content type', { 'content-type': 'application/x-nope' }, '\u0000\u0001'],
  ];
  for (const method of ['DELETE', 'GET']) {
    for (const [label, headers, body] of bodies) {
      if (method === 'GET' && body !== undefined) continue; // fetch refuses a GET body
      it(`${method} with ${label}: 405, Allow: POST, JSON-RPC -32000`, async () => {
        const res = await fetch(gateway.url(open.slug), {
          method,
          headers: { accept: 'application/json, text/event-stream', ...headers },
          ...(body !== undefined ? { body } : {}),
        });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
        expect(await res.json()).toMatchObject({ error: { code: -32000 } });
      });
    }
  }

  it('an Origin not allowed is still 403 first', async () => {
    const res = await fetch(gateway.url(open.slug), {
      method: 'DELETE',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(403);
  });
});

describe('an invalid MCP-Protocol-Version is not echoed back whole', () => {
  const hostile = `2025-11-25${'A'.repeat(2_000)}<script>`;

  it('2025-era request: refused 400, the answer quotes at most 32 characters of it', async () => {
    const res = await postJsonRpc(gateway.url(open.slug), list, {
      'mcp-protocol-version': hostile,
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body);
    expect(text).toContain('Unsupported protocol version');
    expect(text).not.toContain('A'.repeat(33));
    expect(text).not.toContain('<script>');
    expect(text.length).toBeLessThan(600);
  });

  it('control characters are dropped before the SDK sees the value', async () => {
    const res = await postJsonRpc(gateway.url(open.slug), list, {
      'mcp-protocol-version': '1999-01-01\tX\u00ffY',
    });
    expect(res.status).toBe(400);
    const message = res.body.error.message as string;
    expect(message).toContain('1999-01-01XY');
    expect(message).not.toMatch(/[\t\u00ff]/);
  });

  it('a supported revision is untouched', async () => {
    const res = await postJsonRpc(gateway.url(open.slug), list, {
      'mcp-protocol-version': '2025-11-25',
    });
    expect(res.status).toBe(200);
    expect(res.body.result.tools).toHaveLength(2);
  });
});

describe('two different Portico keys in one request are refused (401), as at the control API', () => {
  it('Authorization: Bearer ptk_A and x-api-key: ptk_B, both valid alone: 401', async () => {
    const { key: a } = await seedApiKey(store, keyed.orgId, { name: 'a' });
    const { key: b } = await seedApiKey(store, keyed.orgId, { name: 'b' });
    const url = gateway.url(keyed.slug);
    expect((await postJsonRpc(url, list, { authorization: `Bearer ${a}` })).status).toBe(200);
    expect((await postJsonRpc(url, list, { 'x-api-key': b })).status).toBe(200);
    const both = await postJsonRpc(url, list, { authorization: `Bearer ${a}`, 'x-api-key': b });
    expect(both.status).toBe(401);
    expect(both.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(both.body).toMatchObject({ id: 1, error: { code: -32001 } });
    // The same key in both headers is one credential.
    const same = await postJsonRpc(url, list, { authorization: `Bearer ${a}`, 'x-api-key': a });
    expect(same.status).toBe(200);
  });

  it('a valid x-api-key beside another Authorization value (scheme or token): 401', async () => {
    const { key } = await seedApiKey(store, keyed.orgId, { name: 'c' });
    const url = gateway.url(keyed.slug);
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig']) {
      const res = await postJsonRpc(url, list, { authorization, 'x-api-key': key });
      expect(res.status, authorization).toBe(401);
    }
  });
});

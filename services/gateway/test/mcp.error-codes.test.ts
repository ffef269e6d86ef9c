import { codeToJsonRpc, type ErrorCode } from '@portico/contracts';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RawReply,
  type RunningGateway,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

let capture: CaptureServer;
let gateway: RunningGateway;
let store: Store;
let openUrl: string;
let keyedUrl: string;

beforeAll(async () => {
  capture = await startCaptureServer();
  store = testStore();
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
  const open = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  openUrl = gateway.url(open.slug);
  const keyed = await seedServer(store, { document: echoDocument(), access: 'api_key' });
  keyedUrl = gateway.url(keyed.slug);
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

const call = (name: string, args: unknown) => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name, arguments: args },
});

async function raw(init: RequestInit & { url?: string }): Promise<RawReply> {
  const res = await fetch(init.url ?? openUrl, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : text };
}

function expectCode(reply: RawReply, code: ErrorCode, status: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({
    jsonrpc: '2.0',
    error: { code: codeToJsonRpc(code), data: { code, requestId: expect.stringMatching(/^req_/) } },
  });
}

const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('every code the MCP endpoint answers carries our code in error.data.code', () => {
  it('PARSE_ERROR (-32700): a body that is not JSON, or an empty one', async () => {
    expectCode(
      await raw({ method: 'POST', headers: json, body: '{"jsonrpc":' }),
      'PARSE_ERROR',
      400,
    );
    expectCode(await raw({ method: 'POST', headers: json, body: '' }), 'PARSE_ERROR', 400);
  });

  it('UNSUPPORTED_MEDIA_TYPE (415) and PAYLOAD_TOO_LARGE (413)', async () => {
    const xml = { ...json, 'content-type': 'application/xml' };
    expectCode(
      await raw({ method: 'POST', headers: xml, body: '<a/>' }),
      'UNSUPPORTED_MEDIA_TYPE',
      415,
    );
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      pad: 'x'.repeat(4_300_000),
    });
    expectCode(await raw({ method: 'POST', headers: json, body: big }), 'PAYLOAD_TOO_LARGE', 413);
  });

  it('METHOD_NOT_ALLOWED (405, Allow: POST), FORBIDDEN for a foreign Origin (403)', async () => {
    const get = await raw({ method: 'GET', headers: { accept: 'text/event-stream' } });
    expectCode(get, 'METHOD_NOT_ALLOWED', 405);
    expect(get.headers.get('allow')).toBe('POST');
    const foreign = await postJsonRpc(openUrl, call('getItem', { id: 1 }), {
      origin: 'https://evil.example',
    });
    expectCode(foreign, 'FORBIDDEN', 403);
  });

  it('BAD_REQUEST for a batch, NOT_FOUND for an unknown server, UNAUTHENTICATED without a key', async () => {
    expectCode(await postJsonRpc(openUrl, [call('getItem', { id: 1 })]), 'BAD_REQUEST', 400);
    const unknown = await postJsonRpc(gateway.url('no-such-server'), call('getItem', { id: 1 }));
    expectCode(unknown, 'NOT_FOUND', 404);
    const keyless = await postJsonRpc(keyedUrl, call('getItem', { id: 1 }));
    expectCode(keyless, 'UNAUTHENTICATED', 401);
    expect(keyless.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('TOOL_NOT_FOUND and VALIDATION_FAILED are in-band (200, -32602); the upstream is not called', async () => {
    const seen = capture.requests.length;
    const unknownTool = await postJsonRpc(openUrl, call('noSuchTool', {}));
    expectCode(unknownTool, 'TOOL_NOT_FOUND', 200);
    expect(unknownTool.body.id).toBe(7);
    const badArgs = await postJsonRpc(openUrl, call('getItem', { id: 'abc' }));
    expectCode(badArgs, 'VALIDATION_FAILED', 200);
    expect(badArgs.body.error.data.details.errors[0]).toMatchObject({ instancePath: '/id' });
    const cursor = await postJsonRpc(openUrl, {
      jsonrpc: '2.0',
      id: 8,
      method: 'tools/list',
      params: { cursor: 'nope' },
    });
    expectCode(cursor, 'VALIDATION_FAILED', 200);
    expect(capture.requests.length).toBe(seen);
  });
});

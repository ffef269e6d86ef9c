import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  postJsonRpc,
  type RunningGateway,
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
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

const DOCUMENT = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Keys', version: '1' },
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { meta: { type: 'object', additionalProperties: true } },
              },
            },
          },
        },
        responses: { 200: { description: 'ok' } },
      },
    },
  },
});

describe('keys from callers are data at the gateway', () => {
  it('an argument object with `__proto__` and `constructor` keys reaches the upstream as written', async () => {
    const { slug } = await seedServer(store, { document: DOCUMENT, baseUrl: capture.url });
    // Parsed from text: an object literal with a `__proto__` key would set a prototype instead.
    const args = JSON.parse('{"meta":{"__proto__":{"x":1},"constructor":"c","a":2}}');
    const seen = capture.requests.length;
    const reply = await postJsonRpc(
      gateway.url(slug),
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'createThing', arguments: args },
      },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.error, JSON.stringify(reply.body)).toBeUndefined();
    expect(reply.body.result.isError).toBeFalsy();
    const sent = capture.requests.slice(seen);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toBe('{"meta":{"__proto__":{"x":1},"constructor":"c","a":2}}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

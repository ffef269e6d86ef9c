import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
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

/**
 * Issue 8 item 6: a hostile upstream answer is a tool error, never a JSON-RPC internal error.
 * The hostile upstream is the capture server of support/env.ts (a plain node:http server on
 * 127.0.0.1) answering 200 with 200,000 nested `[` (then 100,000 nested objects, an error status, a
 * recursive outputSchema). Before
 * the fix the RangeError of result mapping made every such call JSON-RPC -32603.
 */
function document(): string {
  const recursive = {
    type: 'object',
    properties: { a: { $ref: '#/components/schemas/Node' } },
  };
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Hostile', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/deep': {
        get: { operationId: 'getDeep', responses: { '200': { description: 'anything' } } },
      },
      '/node': {
        post: {
          operationId: 'createNode',
          responses: {
            '201': {
              description: 'a recursive object: the tool lists an outputSchema Ajv must walk',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Node' } },
              },
            },
          },
        },
      },
    },
    components: { schemas: { Node: recursive } },
  });
}

const deepArray = '['.repeat(200_000) + ']'.repeat(200_000);
// 100,000 levels: 0.6 MB, under the gateway's 1 MiB body cap (a cut body is never parsed).
const deepObject = `${'{"a":'.repeat(100_000)}{}${'}'.repeat(100_000)}`;

let capture: CaptureServer;
let gateway: RunningGateway;
let url: string;

beforeAll(async () => {
  const store = testStore();
  capture = await startCaptureServer();
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
  url = gateway.url((await seedServer(store, { document: document(), baseUrl: capture.url })).slug);
});
afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

function answer(status: number, body: string): void {
  capture.respond(() => ({ status, headers: { 'content-type': 'application/json' }, body }));
}

const call = (name: string) => ({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name } });

function expectDepthError(result: { isError?: boolean; content: unknown }): void {
  expect(result.isError).toBe(true);
  const text = JSON.stringify(result.content);
  expect(text).toContain('deeper than 128 levels');
  expect(text.length).toBeLessThan(1_000);
}

describe('deeply nested upstream JSON is a tool error naming the limit', () => {
  for (const [label, body] of [
    ['200,000 nested arrays', deepArray],
    ['100,000 nested objects', deepObject],
  ] as const) {
    it(`${label}, 200: isError result, not -32603`, async () => {
      answer(200, body);
      const res = await postJsonRpc(url, call('getDeep'));
      expect(res.status).toBe(200);
      expect(res.body.error).toBeUndefined();
      expectDepthError(res.body.result);
      expect(JSON.stringify(res.body.result.content)).toContain('do not repeat it');
    });
  }

  it('an error status with a deep body: the status and the limit', async () => {
    answer(500, deepArray);
    const res = await postJsonRpc(url, call('getDeep'));
    expect(res.body.error).toBeUndefined();
    expectDepthError(res.body.result);
    expect(res.body.result.content[0].text).toMatch(/^HTTP 500 Internal Server Error\n/);
  });

  it('a tool with a recursive outputSchema: no structuredContent, no Ajv stack overflow', async () => {
    answer(201, deepObject);
    const res = await postJsonRpc(url, call('createNode'));
    expect(res.body.error).toBeUndefined();
    expectDepthError(res.body.result);
    expect(res.body.result.structuredContent).toBeUndefined();
    // A legitimately nested answer below the limit still conforms and comes back structured.
    const fine = `${'{"a":'.repeat(100)}{}${'}'.repeat(100)}`;
    answer(201, fine);
    const ok = await postJsonRpc(url, call('createNode'));
    expect(ok.body.result.isError).toBeUndefined();
    expect(ok.body.result.structuredContent).toEqual(JSON.parse(fine));
  });

  it('both SDK clients get the error result (neither throws)', async () => {
    answer(200, deepArray);
    const v2 = new Client({ name: 'deep-v2', version: '1.0.0' });
    await v2.connect(new StreamableHTTPClientTransport(new URL(url)));
    const v1 = new V1Client({ name: 'deep-v1', version: '1.0.0' });
    await v1.connect(new V1Transport(new URL(url)));
    try {
      expectDepthError(
        (await v2.callTool({ name: 'getDeep', arguments: {} })) as { content: unknown },
      );
      expectDepthError(
        (await v1.callTool({ name: 'getDeep', arguments: {} })) as { content: unknown },
      );
    } finally {
      await v2.close();
      await v1.close();
    }
  });
});

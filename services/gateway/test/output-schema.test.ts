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

/** One tool with an object outputSchema (getThing), one without (getFile). */
function document(): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Things', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'name'],
                    properties: { id: { type: 'integer' }, name: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
      '/files/{id}': {
        get: {
          operationId: 'getFile',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'a file' } },
        },
      },
    },
  });
}

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

const json = (body: string) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
});

/** Upstream answers for getThing, and what every client must get back without throwing. */
const CASES = [
  { label: 'a conforming object', answer: json('{"id":1,"name":"a"}'), conforms: true },
  { label: 'a non-conforming object', answer: json('{"id":"one"}'), conforms: false },
  { label: 'a JSON array', answer: json('[{"id":1,"name":"a"}]'), conforms: false },
  { label: 'an empty 204', answer: { status: 204 }, conforms: false },
];

type Called = { isError?: boolean; structuredContent?: unknown; content: unknown };

async function callWith(
  kind: 'v2' | 'v1',
  answer: (typeof CASES)[number]['answer'],
): Promise<Called> {
  capture.respond((req) => (req.url.startsWith('/things/') ? answer : { status: 404 }));
  if (kind === 'v2') {
    const client = new Client({ name: 'out-v2', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      await client.listTools();
      return (await client.callTool({ name: 'getThing', arguments: { id: 1 } })) as Called;
    } finally {
      await client.close();
    }
  }
  const client = new V1Client({ name: 'out-v1', version: '1.0.0' });
  await client.connect(new V1Transport(new URL(url)));
  try {
    // listTools makes the v1 client cache (and later enforce) the outputSchema.
    await client.listTools();
    return (await client.callTool({ name: 'getThing', arguments: { id: 1 } })) as Called;
  } finally {
    await client.close();
  }
}

describe('outputSchema is listed and enforced', () => {
  it('lists the outputSchema of a tool whose 2xx answer is a JSON object, and none otherwise', async () => {
    const res = await postJsonRpc(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const byName = Object.fromEntries(
      res.body.result.tools.map((t: { name: string }) => [t.name, t]),
    );
    expect(byName.getThing.outputSchema).toMatchObject({
      type: 'object',
      required: ['id', 'name'],
    });
    expect(byName.getFile.outputSchema).toBeUndefined();
  });

  for (const kind of ['v2', 'v1'] as const) {
    for (const { label, answer, conforms } of CASES) {
      it(`${kind} client: ${label} is returned without the client throwing`, async () => {
        const result = await callWith(kind, answer);
        const text = JSON.stringify(result.content);
        if (conforms) {
          expect(result.isError).toBeFalsy();
          expect(result.structuredContent).toEqual({ id: 1, name: 'a' });
        } else {
          // No false claim: no structuredContent; the body as text, with why and that the call
          // itself succeeded (so a model does not repeat it).
          expect(result.structuredContent).toBeUndefined();
          expect(result.isError).toBe(true);
          expect(text).toContain('upstream call succeeded');
        }
      });
    }
  }

  it('keeps the body of a non-conforming answer as text', async () => {
    const result = await callWith('v2', json('[{"id":1,"name":"a"}]'));
    expect(JSON.stringify(result.content)).toContain('[{\\"id\\":1,\\"name\\":\\"a\\"}]');
    expect(JSON.stringify(result.content)).toContain('not a JSON object');
  });
});

describe('binary answers', () => {
  it('come back as an embedded resource with their media type, or an image', async () => {
    const client = new Client({ name: 'bin', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const pdf = Buffer.from('%PDF-1.7 fake');
      capture.respond(() => ({
        status: 200,
        headers: { 'content-type': 'application/pdf' },
        body: pdf.toString('latin1'),
      }));
      const file = await client.callTool({ name: 'getFile', arguments: { id: 'a' } });
      const resource = (
        file.content as {
          type: string;
          resource?: { mimeType: string; blob: string; uri: string };
        }[]
      ).find((c) => c.type === 'resource');
      expect(resource?.resource?.mimeType).toBe('application/pdf');
      expect(Buffer.from(resource?.resource?.blob ?? '', 'base64').toString('latin1')).toBe(
        pdf.toString('latin1'),
      );
      expect(resource?.resource?.uri).toBe(
        'https://api.example.com/files/a'.replace('https://api.example.com', capture.url),
      );
      capture.respond(() => ({
        status: 200,
        headers: { 'content-type': 'image/png' },
        body: 'PNG',
      }));
      const image = await client.callTool({ name: 'getFile', arguments: { id: 'b' } });
      expect(image.content).toContainEqual({
        type: 'image',
        mimeType: 'image/png',
        data: Buffer.from('PNG').toString('base64'),
      });
    } finally {
      await client.close();
    }
  });
});

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { convertOpenApi } from '@portico/openapi-to-mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  type RunningGateway,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

/**
 * Issue 8 item 11: one flawed schema never takes a whole server down. Vercel's published document
 * puts `additionalProperties: false` inside a body's `properties` (Codat's inside a response's),
 * so a tool's inputSchema had a property whose schema is the boolean `false`, and the v1 SDK
 * client refused the entire tools/list: every tool of the server was unusable. Here both SDK
 * clients, on every revision the gateway serves, list the tools and call them.
 */
function document(): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Records', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/records/{id}': {
        patch: {
          operationId: 'updateRecord',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { name: { type: 'string' }, additionalProperties: false },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { id: { type: 'string' }, additionalProperties: false },
                  },
                },
              },
            },
          },
        },
      },
      '/health': {
        get: { operationId: 'getHealth', responses: { '200': { description: 'ok' } } },
      },
    },
  });
}

let capture: CaptureServer;
let gateway: RunningGateway;
let url: URL;
let legacyUrl: URL;

/**
 * A manifest as stored before the generator wrote boolean subschemas as objects: the same
 * document's, with the booleans put back where the old generator left them.
 */
async function seedLegacyManifest(store: ReturnType<typeof testStore>): Promise<string> {
  const { orgId, server, slug } = await seedServer(store, {
    document: document(),
    baseUrl: capture.url,
    activate: false,
  });
  const { manifest, report } = convertOpenApi(document());
  for (const tool of manifest.tools) {
    const input = tool.inputSchema.properties as Record<string, unknown>;
    if ('additionalProperties' in input) input.additionalProperties = false;
    tool.inputSchema.$defs = { Anything: true, Nothing: false };
    const output = tool.outputSchema?.properties as Record<string, unknown> | undefined;
    if (output && 'additionalProperties' in output) output.additionalProperties = false;
  }
  const version = await store.specs.putVersion(orgId, server.serverId, {
    document: new TextEncoder().encode(document()),
    manifest,
    report,
  });
  await store.servers.activateVersion(orgId, server.serverId, version.versionId);
  return slug;
}

beforeAll(async () => {
  const store = testStore();
  capture = await startCaptureServer();
  capture.respond(() => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"id":"r1"}',
  }));
  gateway = await startGateway({ store, upstream: { allowHosts: [capture.host] } });
  const { slug } = await seedServer(store, { document: document(), baseUrl: capture.url });
  url = new URL(gateway.url(slug));
  legacyUrl = new URL(gateway.url(await seedLegacyManifest(store)));
});
afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

type Lister = {
  listTools(): Promise<{ tools: { name: string; inputSchema: unknown }[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
};

const CLIENTS: [string, () => Promise<Lister>][] = [
  [
    'v1 client (@modelcontextprotocol/sdk), 2025-11-25',
    async () => {
      const client = new V1Client({ name: 'list-v1', version: '1.0.0' });
      await client.connect(new V1Transport(url));
      return client as unknown as Lister;
    },
  ],
  [
    'v1 client, a manifest stored before the generator normalized booleans',
    async () => {
      const client = new V1Client({ name: 'list-v1-legacy', version: '1.0.0' });
      await client.connect(new V1Transport(legacyUrl));
      return client as unknown as Lister;
    },
  ],
  [
    'v2 client (@modelcontextprotocol/client), 2025-11-25',
    async () => {
      const client = new Client({ name: 'list-v2', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(url));
      return client as unknown as Lister;
    },
  ],
  [
    'v2 client, 2026-07-28',
    async () => {
      const client = new Client(
        { name: 'list-v2-modern', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(new StreamableHTTPClientTransport(url));
      return client as unknown as Lister;
    },
  ],
];

describe.each(CLIENTS)('%s', (_label, connect) => {
  it('lists every tool and calls the one with the flawed schema', async () => {
    const client = await connect();
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['getHealth', 'updateRecord']);
      const update = tools.find((t) => t.name === 'updateRecord');
      expect(update?.inputSchema).toMatchObject({
        properties: { additionalProperties: { not: {} } },
      });
      const result = (await client.callTool({
        name: 'updateRecord',
        arguments: { id: 'r1', name: 'x' },
      })) as { isError?: boolean; structuredContent?: unknown };
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ id: 'r1' });
    } finally {
      await client.close();
    }
  });
});

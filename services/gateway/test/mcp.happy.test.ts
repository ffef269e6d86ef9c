import { readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type PrismMock, startPrism } from '@portico/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postJsonRpc,
  type RunningGateway,
  seedServer,
  startGateway,
  testStore,
} from './support/env.js';

const fixture = new URL('./fixtures/petstore-expanded.json', import.meta.url);
const document = readFileSync(fixture, 'utf8');

let prism: PrismMock;
let gateway: RunningGateway;
let url: string;

beforeAll(async () => {
  prism = await startPrism(fixture.pathname);
  const store = testStore();
  gateway = await startGateway({
    store,
    upstream: { allowHosts: [new URL(prism.url).host] },
  });
  const seeded = await seedServer(store, { document, baseUrl: prism.url });
  url = gateway.url(seeded.slug);
});

afterAll(async () => {
  await gateway?.close();
  await prism?.stop();
});

const EXPECTED_TOOLS = ['addPet', 'deletePet', 'findPets', 'find_pet_by_id'];

describe('MCP over Streamable HTTP, SDK v2 client', () => {
  for (const [label, versionNegotiation] of [
    ['2025-11-25 (legacy handshake)', undefined],
    ['2026-07-28 (pinned)', { mode: { pin: '2026-07-28' } }],
    ['auto negotiation', { mode: 'auto' }],
  ] as const) {
    it(`lists tools and calls them through Prism: ${label}`, async () => {
      const client = new Client(
        { name: 'gateway-test', version: '1.0.0' },
        versionNegotiation ? { versionNegotiation } : {},
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      try {
        if (label.startsWith('2026') || label.startsWith('auto')) {
          expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        } else {
          expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
        }
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(EXPECTED_TOOLS);
        const findPets = tools.find((t) => t.name === 'findPets');
        expect(findPets?.annotations?.readOnlyHint).toBe(true);
        expect(findPets?.inputSchema.type).toBe('object');

        const list = await client.callTool({
          name: 'findPets',
          arguments: { tags: ['dog'], limit: 5 },
        });
        expect(list.isError).toBeFalsy();
        const one = await client.callTool({ name: 'find_pet_by_id', arguments: { id: 1 } });
        expect(one.isError).toBeFalsy();
        expect(one.structuredContent).toBeTypeOf('object');
        const added = await client.callTool({
          name: 'addPet',
          arguments: { name: 'Rex', tag: 'dog' },
        });
        expect(added.isError).toBeFalsy();
        const deleted = await client.callTool({ name: 'deletePet', arguments: { id: 7 } });
        expect(deleted.isError).toBeFalsy();
        expect(prism.violations()).toEqual([]);
      } finally {
        await client.close();
      }
    });
  }
});

describe('MCP over Streamable HTTP, SDK v1 client (2025-11-25)', () => {
  it('initializes, lists tools and calls one', async () => {
    const client = new V1Client({ name: 'gateway-test-v1', version: '1.0.0' });
    await client.connect(new V1Transport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(EXPECTED_TOOLS);
      const result = await client.callTool({ name: 'find_pet_by_id', arguments: { id: 3 } });
      expect(result.isError).toBeFalsy();
      expect(prism.violations()).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('raw protocol exchanges', () => {
  it('initialize with protocolVersion 2025-11-25 answers 2025-11-25 as JSON', async () => {
    const res = await postJsonRpc(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.result.protocolVersion).toBe('2025-11-25');
    expect(res.body.result.capabilities.tools).toBeDefined();
    expect(res.headers.get('mcp-session-id')).toBeNull();
  });

  it('initialize naming 2026-07-28 is answered with a revision the handshake serves', async () => {
    const res = await postJsonRpc(url, {
      jsonrpc: '2.0',
      id: 2,
      method: 'initialize',
      params: {
        protocolVersion: '2026-07-28',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    expect(res.status).toBe(200);
    expect(typeof res.body.result.protocolVersion).toBe('string');
  });

  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };

  it('server/discover on 2026-07-28 advertises both revisions', async () => {
    const res = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 3, method: 'server/discover', params: { _meta: envelope } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.result)).toContain('2026-07-28');
  });

  it('tools/list on 2026-07-28 (per-request envelope, no handshake)', async () => {
    const res = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 4, method: 'tools/list', params: { _meta: envelope } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.tools.map((t: { name: string }) => t.name).sort()).toEqual(
      EXPECTED_TOOLS,
    );
  });

  it('tools/list on 2025-11-25 without a prior initialize (stateless)', async () => {
    const res = await postJsonRpc(
      url,
      { jsonrpc: '2.0', id: 5, method: 'tools/list' },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.tools).toHaveLength(4);
  });

  it('GET and DELETE answer 405 with Allow: POST (stateless server)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, { method, headers: { accept: 'text/event-stream' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      const body = (await res.json()) as { jsonrpc: string; error: { code: number } };
      expect(body.jsonrpc).toBe('2.0');
    }
  });
});

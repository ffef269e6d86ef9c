/**
 * The servers under load, in their own process so the load generator and the servers each get a
 * core: (a) a plain upstream, (b) a plain fastify + undici proxy to it, (c) the Portico platform
 * (gateway) whose demo tool calls the same upstream. Prints one JSON line with the URLs when ready.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from '@portico/local';
import Fastify from 'fastify';
import { Agent, request } from 'undici';

const dynamoEndpoint = process.argv[2];
if (!dynamoEndpoint) throw new Error('usage: targets.ts <dynamodb-endpoint>');

const ITEM = { id: 7, name: 'widget', price: 9.5, tags: ['a', 'b'] };

const upstream = Fastify({ logger: false });
upstream.get('/items/:itemId', async () => ITEM);
await upstream.listen({ host: '127.0.0.1', port: 0 });
const upstreamUrl = `http://127.0.0.1:${(upstream.server.address() as { port: number }).port}`;

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
const proxy = Fastify({ logger: false });
proxy.post('/proxy', async (_req, reply) => {
  const res = await request(`${upstreamUrl}/items/7?fields=all`, { dispatcher: agent });
  reply.header('content-type', 'application/json');
  return reply.send(await res.body.text());
});
await proxy.listen({ host: '127.0.0.1', port: 0 });
const proxyUrl = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}/proxy`;

const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), 'portico-bench-')),
  tableName: 'portico',
  dynamoEndpoint,
  sesEndpoint: 'http://127.0.0.1:9',
  allowUpstreamHosts: [upstreamUrl.replace('http://', '')],
});
const api = platform.controlApi;
const signup = await api.inject({
  method: 'POST',
  url: '/api/v1/orgs',
  payload: { name: 'bench' },
});
const key = (signup.json() as { apiKey: { key: string } }).apiKey.key;
const auth = { authorization: `Bearer ${key}` };
await api.inject({
  method: 'POST',
  url: '/api/v1/servers',
  headers: auth,
  payload: { slug: 'bench', name: 'bench', access: 'api_key' },
});
await api.inject({
  method: 'POST',
  url: '/api/v1/servers/bench/versions',
  headers: { ...auth, 'content-type': 'application/json' },
  payload: readFileSync(join(import.meta.dirname, 'fixtures', 'inventory.openapi.json')),
});
await api.inject({
  method: 'PUT',
  url: '/api/v1/servers/bench/upstream',
  headers: auth,
  payload: { baseUrl: upstreamUrl },
});

process.stdout.write(
  `${JSON.stringify({ upstream: `${upstreamUrl}/items/7?fields=all`, proxy: proxyUrl, gateway: `${platform.url}/s/bench/mcp`, key })}\n`,
);

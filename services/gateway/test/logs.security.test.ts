import { Writable } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  seedApiKey,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let capture: CaptureServer;
let gateway: RunningGateway;
const store = testStore();

beforeAll(async () => {
  capture = await startCaptureServer();
  gateway = await startGateway({
    store,
    upstream: { allowHosts: [capture.host] },
    // Debug level and a request serializer that includes headers: the worst case for leaks.
    logger: {
      level: 'debug',
      stream: sink,
      serializers: {
        req: (req: { method: string; url: string; headers: unknown }) => ({
          method: req.method,
          url: req.url,
          headers: req.headers,
        }),
      },
    },
  });
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
});

describe('secrets never appear in logs', () => {
  it('inbound keys, cookies and upstream credentials are not logged', async () => {
    const seeded = await seedServer(store, {
      document: echoDocument(),
      access: 'api_key',
      baseUrl: capture.url,
      credential: { type: 'query', name: 'token', value: 'UPSTREAM-QUERY-SECRET' },
    });
    const headerServer = await seedServer(store, {
      document: echoDocument(),
      baseUrl: capture.url,
      credential: { type: 'header', name: 'X-Key', value: 'UPSTREAM-HEADER-SECRET' },
    });
    const { key } = await seedApiKey(store, seeded.orgId, {});

    const client = new Client({ name: 'log-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(gateway.url(seeded.slug)), {
        requestInit: { headers: { authorization: `Bearer ${key}`, cookie: 'sid=COOKIE-SECRET' } },
      }),
    );
    await client.callTool({ name: 'getItem', arguments: { id: 1 } });
    await client.close();
    await postJsonRpc(
      gateway.url(headerServer.slug),
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'getItem', arguments: { id: 2 } },
      },
      { 'x-api-key': key },
    );
    // A rejected key is logged as a reason, never as the key.
    await postJsonRpc(
      gateway.url(seeded.slug),
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      {
        'x-api-key': `${key.slice(0, -1)}X`,
      },
    );

    const log = lines.join('');
    expect(capture.requests.length).toBeGreaterThanOrEqual(2);
    expect(log).toContain('upstream call');
    expect(log).toContain('[redacted]');
    for (const secret of [
      key,
      key.slice(4),
      'COOKIE-SECRET',
      'UPSTREAM-QUERY-SECRET',
      'UPSTREAM-HEADER-SECRET',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

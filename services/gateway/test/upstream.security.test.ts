import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { isPublicUnicast } from '@portico/net';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  type RunningGateway,
  seedApiKey,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

let store: Store;
let capture: CaptureServer;
let canary: CaptureServer;
let gateway: RunningGateway;

beforeAll(async () => {
  store = testStore();
  [capture, canary] = await Promise.all([startCaptureServer(), startCaptureServer()]);
  // Only `capture` is allow-listed; `canary` listens on loopback and must never be reached.
  gateway = await startGateway({
    store,
    upstream: { allowHosts: [capture.host], timeoutMs: 2_000 },
  });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([capture?.close(), canary?.close()]);
});

async function callGetItem(slug: string, headers: Record<string, string> = {}) {
  const client = new Client({ name: 'security-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gateway.url(slug)), { requestInit: { headers } }),
  );
  try {
    return await client.callTool({ name: 'getItem', arguments: { id: 1 } });
  } finally {
    await client.close();
  }
}

describe('inbound credentials never reach the upstream', () => {
  it('Authorization, Cookie and x-api-key are not forwarded; the upstream credential is', async () => {
    const seeded = await seedServer(store, {
      document: echoDocument(),
      access: 'api_key',
      baseUrl: capture.url,
      credential: { type: 'header', name: 'X-Upstream-Token', value: 'upstream-secret' },
    });
    const { key } = await seedApiKey(store, seeded.orgId, { name: 'k' });
    const seen = capture.requests.length;
    const result = await callGetItem(seeded.slug, {
      authorization: `Bearer ${key}`,
      cookie: 'session=inbound-cookie',
      'x-forwarded-for': '203.0.113.9',
    });
    expect(result.isError).toBeFalsy();
    const upstream = capture.requests.slice(seen);
    expect(upstream).toHaveLength(1);
    const headers = upstream[0]?.headers ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['mcp-protocol-version']).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(key);
    expect(headers['x-upstream-token']).toBe('upstream-secret');
  });

  it('x-api-key inbound is not forwarded; bearer and query credentials are applied', async () => {
    const bearer = await seedServer(store, {
      document: echoDocument(),
      access: 'api_key',
      baseUrl: capture.url,
      credential: { type: 'bearer', value: 'up-bearer' },
    });
    const { key } = await seedApiKey(store, bearer.orgId, {});
    let seen = capture.requests.length;
    await callGetItem(bearer.slug, { 'x-api-key': key });
    const [req] = capture.requests.slice(seen);
    expect(req?.headers.authorization).toBe('Bearer up-bearer');
    expect(req?.headers['x-api-key']).toBeUndefined();

    const query = await seedServer(store, {
      document: echoDocument(),
      baseUrl: capture.url,
      credential: { type: 'query', name: 'api_key', value: 'q-secret' },
    });
    seen = capture.requests.length;
    await callGetItem(query.slug);
    expect(capture.requests.slice(seen)[0]?.url).toBe('/items/1?api_key=q-secret');
  });
});

describe('SSRF: upstream calls cannot reach internal addresses, in any spelling', () => {
  const port = () => new URL(canary.url).port;
  const spellings = (): string[] => [
    `http://127.0.0.1:${port()}`,
    `http://localhost:${port()}`,
    `http://2130706433:${port()}`,
    `http://0x7f.1:${port()}`,
    `http://0177.0.0.1:${port()}`,
    `http://127.1:${port()}`,
    `http://[::1]:${port()}`,
    `http://[::ffff:127.0.0.1]:${port()}`,
    `http://[::ffff:7f00:1]:${port()}`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port()}`,
    `http://0.0.0.0:${port()}`,
    `http://[::]:${port()}`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://224.0.0.1/',
    'http://100.64.0.1/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::]/',
  ];

  it('every spelling is refused before a connection is made', async () => {
    for (const baseUrl of spellings()) {
      const seeded = await seedServer(store, { document: echoDocument(), baseUrl });
      const result = await callGetItem(seeded.slug);
      expect(result.isError, baseUrl).toBe(true);
      expect(JSON.stringify(result.content), baseUrl).toMatch(/not allowed/);
    }
    expect(canary.connections()).toBe(0);
    expect(canary.requests).toHaveLength(0);
  });

  it('a document server URL (no org override) is held to the same rules', async () => {
    const seeded = await seedServer(store, {
      document: echoDocument(`http://localhost:${port()}`),
    });
    const result = await callGetItem(seeded.slug);
    expect(result.isError).toBe(true);
    expect(canary.connections()).toBe(0);
  });

  it('a redirect from an allowed upstream to loopback is not followed', async () => {
    capture.respond(() => ({ status: 307, headers: { location: `${canary.url}/pwned` } }));
    const seeded = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
    const result = await callGetItem(seeded.slug);
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('307');
    expect(canary.connections()).toBe(0);
    capture.respond(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }));
  });

  it('isPublicUnicast judges resolved addresses (IPv4-mapped converted first)', () => {
    for (const bad of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::',
      '255.255.255.255',
      '192.0.2.1',
      'ff02::1',
      'not-an-ip',
    ]) {
      expect(isPublicUnicast(bad), bad).toBe(false);
    }
    for (const good of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicUnicast(good), good).toBe(true);
    }
  });
});

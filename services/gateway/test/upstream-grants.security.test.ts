import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RunningGateway,
  type SeededServer,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

// Issue 8 item 8: an operator's allowed host applies to the servers it was granted for
// (`slug=host:port`), not the whole platform (a bare `host:port`); refusals name the rule, never
// what a name resolved to. Item 9: internal IPv6 upstreams are refused by the same guard.

let store: Store;
let capture: CaptureServer;
let scoped: RunningGateway;
let platformWide: RunningGateway;
let orgA: SeededServer;
let orgB: SeededServer;

beforeAll(async () => {
  store = testStore();
  capture = await startCaptureServer();
  // Org A's server is granted the local upstream; org B points its own server at the same host.
  orgA = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  orgB = await seedServer(store, { document: echoDocument(), baseUrl: capture.url });
  scoped = await startGateway({
    store,
    upstream: { allowHosts: [`${orgA.slug}=${capture.host}`], timeoutMs: 2_000 },
  });
  platformWide = await startGateway({
    store,
    upstream: { allowHosts: [capture.host], timeoutMs: 2_000 },
  });
});

afterAll(async () => {
  await Promise.all([scoped?.close(), platformWide?.close()]);
  await capture?.close();
});

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
}

async function getItem(gateway: RunningGateway, slug: string, id: number): Promise<ToolResult> {
  const reply = await postJsonRpc(gateway.url(slug), {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'getItem', arguments: { id } },
  });
  expect(reply.status).toBe(200);
  return reply.body.result as ToolResult;
}

const pathsSeen = () => capture.requests.map((r) => r.url);

describe('upstream host grants are scoped per server', () => {
  it("org B's server pointing at a host granted to org A's slug is refused; A's works", async () => {
    const granted = await getItem(scoped, orgA.slug, 101);
    expect(granted.isError).not.toBe(true);
    const refused = await getItem(scoped, orgB.slug, 102);
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toBe(
      'Upstream call refused: address 127.0.0.1 is not allowed (upstream addresses must be public unicast)',
    );
    // A's pooled keep-alive socket to the same origin did not carry B's call either.
    expect(await getItem(scoped, orgA.slug, 103)).not.toMatchObject({ isError: true });
    expect(pathsSeen()).toContain('/items/101');
    expect(pathsSeen()).toContain('/items/103');
    expect(pathsSeen()).not.toContain('/items/102');
  });

  it('a bare host:port grants every server', async () => {
    expect(await getItem(platformWide, orgA.slug, 201)).not.toMatchObject({ isError: true });
    expect(await getItem(platformWide, orgB.slug, 202)).not.toMatchObject({ isError: true });
    expect(pathsSeen()).toEqual(expect.arrayContaining(['/items/201', '/items/202']));
  });

  it('a malformed grant stops the gateway from starting, naming the entry', async () => {
    await expect(
      startGateway({ store, upstream: { allowHosts: ['Not A Slug=127.0.0.1:1'] } }),
    ).rejects.toThrow('"Not A Slug=127.0.0.1:1"');
  });
});

describe('refusals name the rule, never the DNS answer', () => {
  it('a name resolving to loopback is refused without the address', async () => {
    const port = new URL(capture.url).port;
    const named = await seedServer(store, {
      document: echoDocument(),
      baseUrl: `http://localhost:${port}`,
    });
    const result = await getItem(scoped, named.slug, 301);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(
      'Upstream call refused: host localhost is not allowed (upstream addresses must be public unicast)',
    );
    expect(pathsSeen()).not.toContain('/items/301');
  });
});

describe('IPv6 upstreams', () => {
  it('internal IPv6 base URLs in any spelling are refused by the same guard', async () => {
    const port = new URL(capture.url).port;
    for (const host of [
      `[::1]:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `[::127.0.0.1]:${port}`,
      `[64:ff9b::7f00:1]:${port}`,
      `[2002:7f00:1::]:${port}`,
      '[fd00::1]',
      '[fe80::1]',
    ]) {
      const server = await seedServer(store, {
        document: echoDocument(),
        baseUrl: `http://${host}`,
      });
      const result = await getItem(scoped, server.slug, 401);
      expect(result.isError, host).toBe(true);
      expect(result.content[0]?.text, host).toMatch(
        /^Upstream call refused: address .* is not allowed \(upstream addresses must be public unicast\)$/,
      );
    }
    expect(pathsSeen()).not.toContain('/items/401');
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Store } from '@portico/store';
import {
  createAesGcmSealer,
  createFileKeyStore,
  createTokenService,
  type TokenService,
} from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  echoDocument,
  postJsonRpc,
  type RawReply,
  type RunningGateway,
  type SeededServer,
  seedApiKey,
  seedServer,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

// End-user sign-in at the gateway (issue 4 item 5; MCP authorization spec, RFC 9728 5.1,
// RFC 6750 3.1, RFC 8707): tokens from a real token service over a file key store.
const ORIGIN = 'https://mcp.portico.test';
const ISSUER = 'https://mcp.portico.test/auth';
const FULL = 'tools:read tools:call';

let store: Store;
let capture: CaptureServer;
let gateway: RunningGateway;
let tokens: TokenService;
let past: TokenService;
let dir: string;
let server: SeededServer;
let other: SeededServer;
/** The signed-in end user's id (the tokens' `sub`): their record exists, as after a sign-in. */
let sub: string;

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
const call = (name: string) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name, arguments: { id: 7 } },
});

function aud(s: SeededServer): string {
  return `${ORIGIN}/s/${s.slug}/mcp`;
}

function sign(s: SeededServer, scope: string | undefined, extra: Partial<{ typ: string }> = {}) {
  return tokens.sign({
    typ: (extra.typ ?? 'at+jwt') as 'at+jwt',
    sub,
    aud: aud(s),
    clientId: 'https://client.example/cimd.json',
    orgId: s.orgId,
    lifetimeSeconds: 300,
    ...(scope !== undefined ? { scope } : {}),
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectChallenge(res: RawReply, slug: string, error?: string): void {
  expect(res.status).toBe(401);
  const header = res.headers.get('www-authenticate') ?? '';
  expect(header).toMatch(/^Bearer /);
  expect(header).toContain(
    `resource_metadata="${ORIGIN}/.well-known/oauth-protected-resource/s/${slug}/mcp"`,
  );
  expect(header).toContain(`scope="${FULL}"`);
  if (error) expect(header).toContain(`error="${error}"`);
  else expect(header).not.toContain('error=');
  expect(res.body).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32001 } });
}

beforeAll(async () => {
  store = testStore();
  dir = await mkdtemp(join(tmpdir(), 'gw-tokens-'));
  const keyStore = createFileKeyStore(join(dir, 'signing-keys.json'));
  const sealer = createAesGcmSealer(randomBytes(32));
  // A signer 20 minutes in the past creates the key (active since then) and mints expired tokens.
  const twentyMinutesAgo = () => Date.now() - 20 * 60_000;
  past = createTokenService({ keyStore, sealer, issuer: ISSUER, now: twentyMinutesAgo });
  await past.ensureKey();
  tokens = createTokenService({ keyStore, sealer, issuer: ISSUER });
  await tokens.ensureKey();
  capture = await startCaptureServer();
  gateway = await startGateway({
    store,
    tokens,
    publicOrigin: ORIGIN,
    upstream: { allowHosts: [capture.host], timeoutMs: 2_000 },
  });
  server = await seedServer(store, {
    document: echoDocument(),
    access: 'end_user',
    baseUrl: capture.url,
  });
  await store.toolConfigs.put(server.orgId, server.server.serverId, {
    mode: 'all',
    selection: {},
    overrides: { getItem: { public: true } },
  });
  other = await seedServer(store, { document: echoDocument(), access: 'end_user' });
  const signedIn = await store.endUsers.recordLogin(
    server.orgId,
    server.server.serverId,
    'user-1@example.test',
    new Date(),
  );
  sub = signedIn.endUserId;
});

afterAll(async () => {
  await gateway?.close();
  await capture?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('end_user servers: sign-in required (401 challenge)', () => {
  it('no credentials on a non-public tool -> 401 with resource_metadata and scope', async () => {
    expectChallenge(await postJsonRpc(gateway.url(server.slug), call('createItem')), server.slug);
  });

  it('a valid token lists and calls every tool', async () => {
    const token = await sign(server, FULL);
    const listed = await postJsonRpc(gateway.url(server.slug), list, bearer(token));
    expect(listed.status).toBe(200);
    const names = listed.body.result.tools.map((t: { name: string }) => t.name).sort();
    expect(names).toEqual(['createItem', 'getItem']);
    const called = await postJsonRpc(
      gateway.url(server.slug),
      { ...call('createItem'), params: { name: 'createItem', arguments: { name: 'x' } } },
      bearer(token),
    );
    expect(called.status).toBe(200);
    expect(called.body.result.isError).toBeFalsy();
  });

  it('a token for another server (aud) -> 401 invalid_token', async () => {
    const token = await sign(other, FULL);
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, bearer(token)),
      server.slug,
      'invalid_token',
    );
  });

  it('an expired token -> 401; a cached token stops working at its exp', async () => {
    const expired = await past.sign({
      typ: 'at+jwt',
      sub,
      aud: aud(server),
      clientId: 'c',
      scope: FULL,
      lifetimeSeconds: 60,
    });
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, bearer(expired)),
      server.slug,
      'invalid_token',
    );
    const short = await tokens.sign({
      typ: 'at+jwt',
      sub,
      aud: aud(server),
      clientId: 'c',
      scope: FULL,
      lifetimeSeconds: 2,
    });
    expect((await postJsonRpc(gateway.url(server.slug), list, bearer(short))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await postJsonRpc(gateway.url(server.slug), list, bearer(short))).status).toBe(401);
  });

  it('a token of another typ (session) or garbage -> 401', async () => {
    const session = await sign(server, FULL, { typ: 'portico-session+jwt' });
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, bearer(session)),
      server.slug,
      'invalid_token',
    );
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, bearer('not.a.jwt')),
      server.slug,
      'invalid_token',
    );
  });
});

describe('end_user servers: scopes (403 insufficient_scope)', () => {
  it('tools:read only -> list works, call is 403 asking for tools:read tools:call', async () => {
    const token = await sign(server, 'tools:read');
    expect((await postJsonRpc(gateway.url(server.slug), list, bearer(token))).status).toBe(200);
    const res = await postJsonRpc(gateway.url(server.slug), call('getItem'), bearer(token));
    expect(res.status).toBe(403);
    const header = res.headers.get('www-authenticate') ?? '';
    expect(header).toContain('error="insufficient_scope"');
    expect(header).toContain(`scope="${FULL}"`);
    expect(header).toContain('resource_metadata="');
    expect(res.body).toMatchObject({ id: 1, error: { code: -32003 } });
  });

  it('no scope claim -> nothing but the handshake (403 for list)', async () => {
    const token = await sign(server, undefined);
    const res = await postJsonRpc(gateway.url(server.slug), list, bearer(token));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('scope="tools:read"');
    const ping = { jsonrpc: '2.0', id: 2, method: 'ping' };
    expect((await postJsonRpc(gateway.url(server.slug), ping, bearer(token))).status).toBe(200);
  });
});

describe('end_user servers: API keys for machine clients', () => {
  it("the org's key works; another org's key is 401", async () => {
    const { key } = await seedApiKey(store, server.orgId, { name: 'machine' });
    const ok = await postJsonRpc(gateway.url(server.slug), list, bearer(key));
    expect(ok.status).toBe(200);
    expect(ok.body.result.tools).toHaveLength(2);
    const { key: foreign } = await seedApiKey(store, other.orgId, { name: 'foreign' });
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, { 'x-api-key': foreign }),
      server.slug,
      'invalid_token',
    );
  });

  it('a valid key in x-api-key beside a valid access token is two credentials: 401', async () => {
    const { key } = await seedApiKey(store, server.orgId, { name: 'beside' });
    const token = await sign(server, FULL);
    expect((await postJsonRpc(gateway.url(server.slug), list, bearer(token))).status).toBe(200);
    expectChallenge(
      await postJsonRpc(gateway.url(server.slug), list, { ...bearer(token), 'x-api-key': key }),
      server.slug,
      'invalid_token',
    );
  });
});

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
};

describe('end_user servers: public tools for anonymous callers', () => {
  it('an anonymous caller lists only the public tools and can call them', async () => {
    const listed = await postJsonRpc(gateway.url(server.slug), list);
    expect(listed.status).toBe(200);
    expect(listed.body.result.tools.map((t: { name: string }) => t.name)).toEqual(['getItem']);
    const seen = capture.requests.length;
    const called = await postJsonRpc(gateway.url(server.slug), call('getItem'));
    expect(called.status).toBe(200);
    expect(called.body.result.isError).toBeFalsy();
    expect(capture.requests.length).toBe(seen + 1);
  });

  it('through the SDK client: only public tools are listed, a private call is refused', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url(server.slug))));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['getItem']);
      await expect(
        client.callTool({ name: 'createItem', arguments: { name: 'x' } }),
      ).rejects.toThrow();
    } finally {
      await client.close();
    }
  });

  it('a batch hiding a non-public call is refused as a whole (batches are refused: 400)', async () => {
    const res = await postJsonRpc(gateway.url(server.slug), [
      { ...call('getItem'), id: 1 },
      { ...call('createItem'), id: 2 },
    ]);
    expect(res.status).toBe(400);
  });

  it('the initialize handshake is open to anonymous callers where a tool is public', async () => {
    expect((await postJsonRpc(gateway.url(server.slug), initialize)).status).toBe(200);
  });

  it('without public tools, even initialize answers an anonymous caller 401 (starts sign-in)', async () => {
    expectChallenge(await postJsonRpc(gateway.url(other.slug), initialize), other.slug);
    expectChallenge(await postJsonRpc(gateway.url(other.slug), list), other.slug);
  });
});

describe('the inbound access token never reaches the upstream', () => {
  it('Authorization: Bearer <jwt> is not forwarded', async () => {
    const token = await sign(server, FULL);
    const seen = capture.requests.length;
    const res = await postJsonRpc(gateway.url(server.slug), call('getItem'), bearer(token));
    expect(res.status).toBe(200);
    const upstream = capture.requests.slice(seen);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(upstream[0]?.headers)).not.toContain(token.split('.')[1]);
  });
});

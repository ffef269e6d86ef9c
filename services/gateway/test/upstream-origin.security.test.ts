import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { convertOpenApi, type ToolManifest } from '@portico/openapi-to-mcp';
import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureServer,
  freshSlug,
  type RunningGateway,
  startCaptureServer,
  startGateway,
  testStore,
} from './support/env.js';

// Both upstreams are allow-listed loopback servers, so the SSRF guard lets either through: only
// the request builder and the credential pin keep a call on the configured origin.
let store: Store;
let configured: CaptureServer;
let elsewhere: CaptureServer;
let gateway: RunningGateway;

beforeAll(async () => {
  store = testStore();
  [configured, elsewhere] = await Promise.all([startCaptureServer(), startCaptureServer()]);
  gateway = await startGateway({
    store,
    upstream: { allowHosts: [configured.host, elsewhere.host], timeoutMs: 2_000 },
    // Every request reads the server afresh, so a newly activated version serves at once.
    cache: { serverTtlMs: 0 },
  });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([configured?.close(), elsewhere?.close()]);
});

const SECRET = 'org-upstream-secret-0123';

function document(servers: string[], paths: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Origin', version: '1' },
    servers: servers.map((url) => ({ url })),
    paths,
  });
}

function listItems(path: string, param: string): Record<string, unknown> {
  return {
    [path]: {
      get: {
        operationId: 'listItems',
        parameters: [{ name: param, in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'ok' } },
      },
    },
  };
}

/** Stores a version (its manifest as given) and activates it. */
async function putVersion(
  orgId: string,
  serverId: string,
  text: string,
  edit?: (manifest: ToolManifest) => void,
): Promise<void> {
  const { manifest, report } = convertOpenApi(text);
  edit?.(manifest);
  const version = await store.specs.putVersion(orgId, serverId, {
    document: new TextEncoder().encode(text),
    manifest,
    report,
  });
  await store.servers.activateVersion(orgId, serverId, version.versionId);
}

async function freshServer(): Promise<{ orgId: string; serverId: string; slug: string }> {
  const { orgId } = await store.orgs.create({ name: 'Origin org' });
  const slug = freshSlug('origin');
  const server = await store.servers.create(orgId, { slug, name: 'o', access: 'public' });
  return { orgId, serverId: server.serverId, slug };
}

async function call(slug: string, name: string, args: Record<string, unknown>) {
  const client = new Client({ name: 'origin-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(gateway.url(slug))));
  try {
    return await client.callTool({ name, arguments: args });
  } finally {
    await client.close();
  }
}

function textOf(result: Awaited<ReturnType<typeof call>>): string {
  return (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
}

describe('a tool argument never chooses the upstream host', () => {
  // A manifest stored before the generator skipped such paths: the request builder must hold.
  it.each([
    ['{region}/v1/items', 'region', (h: string) => `.${h}`],
    ['@{tenant}/x', 'tenant', (h: string) => h],
    ['{region}/v1/items', 'region', (h: string) => `@${h}`],
  ])('path key %s with a hostile %s keeps the configured origin', async (path, param, value) => {
    const { orgId, serverId, slug } = await freshServer();
    const text = document([], listItems(`/${path}`, param));
    await putVersion(orgId, serverId, text, (manifest) => {
      for (const tool of manifest.tools) tool.binding.path = path;
    });
    await store.upstreams.put(orgId, serverId, {
      baseUrl: configured.url,
      credential: { type: 'bearer', value: SECRET },
    });
    const before = { configured: configured.requests.length, elsewhere: elsewhere.requests.length };
    const hostile = value(elsewhere.host);
    await call(slug, 'listItems', { [param]: hostile });
    expect(elsewhere.requests.length).toBe(before.elsewhere);
    const sent = configured.requests.slice(before.configured);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.host).toBe(configured.host);
    expect(sent[0]?.url.startsWith('/')).toBe(true);
  });

  it('the generator skips such operations and converts the rest of the document', () => {
    const { manifest, report } = convertOpenApi(
      document(['https://api.example.com'], {
        ...listItems('{region}/v1/items', 'region'),
        '/ok': { get: { operationId: 'ok', responses: { 200: { description: 'ok' } } } },
      }),
    );
    expect(manifest.tools.map((t) => t.name)).toEqual(['ok']);
    const skipped = report.operations.find((o) => o.path === '{region}/v1/items');
    expect(skipped?.status).toBe('skipped');
    expect(skipped?.reason).toMatch(/does not begin with "\/"/);
  });
});

describe('the upstream credential goes only to the origin it was pinned to', () => {
  it('a new version whose servers point elsewhere gets a tool error, and the credential stays home', async () => {
    const { orgId, serverId, slug } = await freshServer();
    const v1 = document([configured.url], listItems('/items/{id}', 'id'));
    await putVersion(orgId, serverId, v1);
    await store.upstreams.put(orgId, serverId, {
      credential: { type: 'header', name: 'X-Key', value: SECRET },
      credentialOrigin: new URL(configured.url).origin,
    });
    const seen = configured.requests.length;
    expect((await call(slug, 'listItems', { id: '1' })).isError).toBeFalsy();
    expect(configured.requests.slice(seen)[0]?.headers['x-key']).toBe(SECRET);

    await putVersion(orgId, serverId, document([elsewhere.url], listItems('/items/{id}', 'id')));
    const before = elsewhere.connections();
    const result = await call(slug, 'listItems', { id: '1' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/credential was not sent/);
    expect(textOf(result)).not.toContain(SECRET);
    expect(elsewhere.connections()).toBe(before);
  });

  it('an operation-level server of another origin does not get the credential', async () => {
    const { orgId, serverId, slug } = await freshServer();
    const paths = listItems('/items/{id}', 'id');
    (paths['/items/{id}'] as { get: Record<string, unknown> }).get.servers = [
      { url: elsewhere.url },
    ];
    await putVersion(orgId, serverId, document([configured.url], paths));
    await store.upstreams.put(orgId, serverId, {
      credential: { type: 'query', name: 'token', value: SECRET },
      credentialOrigin: new URL(configured.url).origin,
    });
    const before = elsewhere.connections();
    const result = await call(slug, 'listItems', { id: '1' });
    expect(result.isError).toBe(true);
    expect(elsewhere.connections()).toBe(before);
  });

  it('a server without a credential still follows its document servers', async () => {
    const { orgId, serverId, slug } = await freshServer();
    await putVersion(orgId, serverId, document([elsewhere.url], listItems('/items/{id}', 'id')));
    const seen = elsewhere.requests.length;
    expect((await call(slug, 'listItems', { id: '7' })).isError).toBeFalsy();
    expect(elsewhere.requests.slice(seen)[0]?.url).toBe('/items/7');
  });
});

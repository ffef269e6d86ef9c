import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type PrismMock, startPrism } from '@portico/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postJsonRpc,
  type RunningGateway,
  seedServer,
  startGateway,
  testStore,
} from './support/env.js';

/** GitHub's REST description (13 MB, 1,223 operations), shared with the store's tests. */
const GITHUB = new URL(
  '../../../packages/store/test/fixtures/api.github.com.json.gz',
  import.meta.url,
);

let dir: string;
let prism: PrismMock;
let gateway: RunningGateway;
let allUrl: string;
let dynamicUrl: string;

beforeAll(async () => {
  const document = gunzipSync(readFileSync(GITHUB)).toString('utf8');
  dir = mkdtempSync(join(tmpdir(), 'portico-github-'));
  const specPath = join(dir, 'api.github.com.json');
  writeFileSync(specPath, document);
  // Prism needs a while for 13 MB; once per file.
  prism = await startPrism(specPath, { readyTimeoutMs: 180_000 });
  const store = testStore();
  gateway = await startGateway({ store, upstream: { allowHosts: [new URL(prism.url).host] } });
  const all = await seedServer(store, { document, baseUrl: prism.url });
  const dynamic = await seedServer(store, { document, baseUrl: prism.url, orgId: all.orgId });
  await store.toolConfigs.put(dynamic.orgId, dynamic.server.serverId, {
    mode: 'dynamic',
    selection: {},
    overrides: {},
  });
  allUrl = gateway.url(all.slug);
  dynamicUrl = gateway.url(dynamic.slug);
}, 300_000);

afterAll(async () => {
  await gateway?.close();
  await prism?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'github-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

const ISSUE = { owner: 'octocat', repo: 'hello-world', title: 'Found a bug' };

describe("GitHub's 1,223 operations, mode all", () => {
  it('lists every tool across tools/list pages and calls one directly', async () => {
    const client = await connect(allUrl);
    try {
      // The v2 client follows nextCursor itself: this is every page.
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toHaveLength(1223);
      expect(new Set(names).size).toBe(1223);
      expect(names).toContain('issues_create');
      let pages = 0;
      let cursor: string | undefined;
      do {
        const page = await postJsonRpc(allUrl, {
          jsonrpc: '2.0',
          id: pages,
          method: 'tools/list',
          params: cursor ? { cursor } : {},
        });
        cursor = page.body.result.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);

      const result = await client.callTool({ name: 'issues_create', arguments: ISSUE });
      // Prism's example issue conforms to the listed outputSchema, which the v2 client checked.
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ id: expect.any(Number) });
      expect(prism.violations()).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe("GitHub's 1,223 operations, mode dynamic", () => {
  it('lists exactly the three meta-tools', async () => {
    const client = await connect(dynamicUrl);
    try {
      const { tools, nextCursor } = await client.listTools();
      expect(nextCursor).toBeUndefined();
      expect(tools.map((t) => t.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
      const call = tools.find((t) => t.name === 'call_tool');
      expect(call?.annotations).toMatchObject({ openWorldHint: true, readOnlyHint: false });
      expect(call?.inputSchema.required).toEqual(['name']);
    } finally {
      await client.close();
    }
  });

  it('finds issues_create by words, describes it and calls it through call_tool', async () => {
    const client = await connect(dynamicUrl);
    try {
      const found = await client.callTool({
        name: 'search_tools',
        arguments: { query: 'create issue', limit: 5 },
      });
      const hits = (found.structuredContent as { tools: { name: string; score: number }[] }).tools;
      expect(hits).toHaveLength(5);
      expect(hits.map((h) => h.name)).toContain('issues_create');
      expect((found.structuredContent as { total: number }).total).toBe(1223);

      const described = await client.callTool({
        name: 'describe_tool',
        arguments: { name: 'issues_create' },
      });
      const schema = (described.structuredContent as { inputSchema: { required: string[] } })
        .inputSchema;
      expect(schema.required).toEqual(expect.arrayContaining(['owner', 'repo', 'title']));

      const before = prism.requestCount();
      const called = await client.callTool({
        name: 'call_tool',
        arguments: { name: 'issues_create', arguments: ISSUE },
      });
      expect(called.isError).toBeFalsy();
      expect(prism.requestCount()).toBe(before + 1);
      expect(prism.violations()).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('answers a bad inner call with an isError result the model can act on, upstream untouched', async () => {
    const client = await connect(dynamicUrl);
    try {
      const before = prism.requestCount();
      const invalid = await client.callTool({
        name: 'call_tool',
        arguments: { name: 'issues_create', arguments: { owner: 'octocat', repo: 'x' } },
      });
      expect(invalid.isError).toBe(true);
      expect(JSON.stringify(invalid.content)).toContain("required property 'title'");
      const unknown = await client.callTool({
        name: 'call_tool',
        arguments: { name: 'issues_make', arguments: {} },
      });
      expect(unknown.isError).toBe(true);
      expect(JSON.stringify(unknown.content)).toContain('search_tools');
      expect(prism.requestCount()).toBe(before);
      // The meta-tool's own arguments are validated like any tool's: a JSON-RPC error.
      await expect(client.callTool({ name: 'call_tool', arguments: {} })).rejects.toThrow(
        /Invalid arguments/,
      );
    } finally {
      await client.close();
    }
  });
});

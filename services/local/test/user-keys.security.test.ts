import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismMock, startPrism } from '@portico/devkit';
import { mintApiKey } from '@portico/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.js';

/**
 * Keys from documents and users are data (issue 8, item 3): a document whose operationIds,
 * parameter names and body property names are `constructor`, `__proto__`, `toString` and
 * `hasOwnProperty` is uploaded through the control API, every tool gets an override, and the
 * tools are listed and called through the gateway against Prism, which judges each request
 * against the document, and against a capture server that shows the exact request sent.
 */
const SPEC = join(import.meta.dirname, 'fixtures', 'proto-keys.json');
const DOCUMENT = readFileSync(SPEC);
/**
 * Prism's copy of the document: Prism's own schema loading loses properties named like object
 * machinery, so it would call them additional (and its example answer lacks `__proto__`); the
 * capture server checks those exactly.
 */
const PRISM_DOCUMENT = Buffer.from(
  DOCUMENT.toString('utf8')
    .replace('"additionalProperties": false,', '')
    .replace('"required": ["constructor", "__proto__"],', '"required": ["constructor"],'),
);
function prismDocument(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'portico-keys-prism-')), 'proto-keys.json');
  writeFileSync(path, PRISM_DOCUMENT);
  return path;
}

let prism: PrismMock;
let platform: Platform;
let capture: {
  url: string;
  host: string;
  bodies: string[];
  urls: string[];
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
};

async function startCapture(): Promise<typeof capture> {
  const bodies: string[] = [];
  const urls: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      urls.push(req.url ?? '');
      headers.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      // Own `__proto__` and `constructor` keys in the answer: structuredContent must carry them.
      res.end('{"constructor":"c","__proto__":"p"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    host: `127.0.0.1:${address.port}`,
    bodies,
    urls,
    headers,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

beforeAll(async () => {
  prism = await startPrism(prismDocument());
  capture = await startCapture();
  platform = await startPlatform({
    host: '127.0.0.1',
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'portico-keys-')),
    tableName: 'portico',
    inMemory: true,
    allowUpstreamHosts: [`127.0.0.1:${prism.port}`, capture.host],
  });
});

afterAll(async () => {
  await platform?.stop();
  await prism?.stop();
  await capture?.close();
});

async function api(key: string, method: string, path: string, body?: string | Buffer) {
  const res = await fetch(`${platform.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

let rpcId = 0;
async function rpc(key: string, slug: string, method: string, params: string) {
  rpcId += 1;
  const res = await fetch(`${platform.url}/s/${slug}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    },
    // Raw JSON text: an object literal with a `__proto__` key would set a prototype instead.
    body: `{"jsonrpc":"2.0","id":${rpcId},"method":"${method}","params":${params}}`,
  });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON-RPC answers
  return (await res.json()) as { result?: any; error?: any };
}

/** The override of every tool: renamed (the `proto` tool to `__proto__` itself) and made public. */
const OVERRIDES = `{
  "constructor": {"name": "hasOwnProperty_2", "description": "constructor, renamed", "public": true},
  "proto": {"name": "__proto__", "description": "__proto__, renamed", "public": true},
  "toString": {"name": "valueOf", "description": "toString, renamed", "public": true},
  "hasOwnProperty": {"name": "constructor_2", "description": "hasOwnProperty, renamed", "public": true}
}`;

/** A server of a fresh org with `document` uploaded and `baseUrl` as its upstream. */
async function seed(baseUrl: string, document: Buffer): Promise<{ key: string; slug: string }> {
  const org = await platform.store.orgs.create({ name: 'Object machinery' });
  const { key, hash, hint } = mintApiKey();
  await platform.store.apiKeys.create(org.orgId, { hash, hint });
  const slug = `keys-${org.orgId.slice(-10).toLowerCase()}`;
  const created = await api(key, 'POST', '/servers', JSON.stringify({ slug, name: 'Keys' }));
  expect(created.status).toBe(201);
  const uploaded = await fetch(`${platform.url}/api/v1/servers/${slug}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: document,
  });
  expect(uploaded.status).toBe(201);
  const upstream = await api(key, 'PUT', `/servers/${slug}/upstream`, JSON.stringify({ baseUrl }));
  expect(upstream.status).toBe(200);
  return { key, slug };
}

describe('keys from documents and users are data, end to end', () => {
  let key: string;
  let slug: string;

  beforeAll(async () => {
    ({ key, slug } = await seed(prism.url, PRISM_DOCUMENT));
  });
  it('converts every operation, with `__proto__` as data in schemas and bindings', async () => {
    const tools = await api(key, 'GET', `/servers/${slug}/tools`);
    expect(tools.status).toBe(200);
    expect(tools.body.tools.map((t: { name: string }) => t.name)).toEqual([
      'constructor',
      'proto',
      'toString',
      'hasOwnProperty',
    ]);
    const ctor = tools.body.tools[0];
    expect(Object.keys(ctor.inputSchema.properties)).toEqual([
      'constructor',
      'proto',
      'toString',
      'hasOwnProperty',
    ]);
    expect(Object.keys(ctor.outputSchema.properties)).toEqual(['constructor', '__proto__']);
  });

  it('stores overrides keyed by each name, shows them, and lists the renamed tools', async () => {
    const put = await api(key, 'PUT', `/servers/${slug}/tool-config`, `{"overrides":${OVERRIDES}}`);
    expect(put.status).toBe(200);
    expect(put.body.toolConfig.overrides).toEqual(JSON.parse(OVERRIDES));
    const got = await api(key, 'GET', `/servers/${slug}/tool-config`);
    expect(got.body.toolConfig.overrides).toEqual(JSON.parse(OVERRIDES));

    const listed = await rpc(key, slug, 'tools/list', '{}');
    const names = (listed.result.tools as { name: string; description: string }[]).map((t) => [
      t.name,
      t.description,
    ]);
    expect(names).toEqual([
      ['hasOwnProperty_2', 'constructor, renamed'],
      ['__proto__', '__proto__, renamed'],
      ['valueOf', 'toString, renamed'],
      ['constructor_2', 'hasOwnProperty, renamed'],
    ]);
  });

  it('an override of a tool the version lacks is a 400 naming it, never a 500', async () => {
    for (const name of ['valueOf', 'isPrototypeOf', '__defineGetter__']) {
      const res = await api(
        key,
        'PUT',
        `/servers/${slug}/tool-config`,
        `{"overrides":{"${name}":{"description":"x"}}}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([
        { tool: name, message: `no tool "${name}" in this version` },
      ]);
    }
  });

  // Prism drops the connection on the `toString` operation's request (its own parameter handling
  // trips over these names): that one is checked against the capture server below.
  it('calls the tools through the gateway; Prism finds each request valid', async () => {
    const before = prism.requestCount();
    const calls: [string, string][] = [
      ['hasOwnProperty_2', '{"constructor":"a","proto":"b","toString":"c","hasOwnProperty":4}'],
      ['__proto__', '{"proto":{"toString":"t"}}'],
      ['constructor_2', '{"hasOwnProperty":7}'],
    ];
    for (const [name, args] of calls) {
      const res = await rpc(key, slug, 'tools/call', `{"name":"${name}","arguments":${args}}`);
      expect(res.error).toBeUndefined();
      expect(res.result.isError, `${name}: ${JSON.stringify(res.result)}`).toBeFalsy();
    }
    expect(prism.requestCount() - before).toBe(3);
    expect(prism.violations()).toEqual([]);
    expect(
      prism
        .requests()
        .slice(-3)
        .map((r) => r.request),
    ).toEqual(['post /constructor', 'put /proto', 'get /own']);
  });

  it('sends the exact properties upstream and returns own `__proto__` keys as content', async () => {
    const target = await seed(capture.url, DOCUMENT);
    const put = await api(
      target.key,
      'PUT',
      `/servers/${target.slug}/tool-config`,
      `{"overrides":${OVERRIDES}}`,
    );
    expect(put.status).toBe(200);
    const call = (name: string, args: string) =>
      rpc(target.key, target.slug, 'tools/call', `{"name":"${name}","arguments":${args}}`);

    const ctor = await call(
      'hasOwnProperty_2',
      '{"constructor":"a","proto":"b","toString":"c","hasOwnProperty":4}',
    );
    expect(ctor.result.isError, JSON.stringify(ctor.result)).toBeFalsy();
    const sent = JSON.parse(capture.bodies.at(-1) ?? '');
    expect(Object.entries(sent)).toEqual([
      ['constructor', 'a'],
      ['__proto__', 'b'],
      ['toString', 'c'],
      ['hasOwnProperty', 4],
    ]);
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
    expect(Object.entries(ctor.result.structuredContent)).toEqual([
      ['constructor', 'c'],
      ['__proto__', 'p'],
    ]);

    const proto = await call('__proto__', '{"proto":{"toString":"t","constructor":"k"}}');
    expect(proto.result.isError, JSON.stringify(proto.result)).toBeFalsy();
    const nested = JSON.parse(capture.bodies.at(-1) ?? '');
    expect(Object.keys(nested)).toEqual(['__proto__']);
    expect(Object.entries(Object.getOwnPropertyDescriptor(nested, '__proto__')?.value)).toEqual([
      ['toString', 't'],
      ['constructor', 'k'],
    ]);

    const query = await call(
      'valueOf',
      '{"toString":"s","constructor":"c","proto":"p","hasOwnProperty":"h"}',
    );
    expect(query.result.isError, JSON.stringify(query.result)).toBeFalsy();
    expect(capture.urls.at(-1)).toBe('/strings/s?constructor=c&__proto__=p');
    expect(capture.headers.at(-1)?.hasownproperty).toBe('h');

    // Left out, an optional `constructor` is not sent, and a required `toString` is missing:
    // neither is found on Object.prototype.
    const optional = await call('valueOf', '{"toString":"s","proto":"p","hasOwnProperty":"h"}');
    expect(optional.result.isError, JSON.stringify(optional.result)).toBeFalsy();
    expect(capture.urls.at(-1)).toBe('/strings/s?__proto__=p');
    const sentBefore = capture.urls.length;
    const missing = await call('valueOf', '{"constructor":"c","proto":"p","hasOwnProperty":"h"}');
    expect(missing.result?.isError ?? missing.error).toBeTruthy();
    expect(JSON.stringify(missing)).toContain("required property 'toString'");
    const noBody = await call('hasOwnProperty_2', '{"proto":"b"}');
    expect(noBody.result?.isError ?? noBody.error).toBeTruthy();
    expect(JSON.stringify(noBody)).toContain("required property 'constructor'");
    expect(capture.urls.length).toBe(sentBefore);
  });
});

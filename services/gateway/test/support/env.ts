import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { convertOpenApi } from '@portico/openapi-to-mcp';
import {
  type ApiKeyRecord,
  createDynamoClient,
  createStore,
  type ServerAccess,
  type ServerRecord,
  type Store,
  type UpstreamCredential,
} from '@portico/store';
import { mintApiKey } from '@portico/tokens';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { GatewayDeps } from '../../src/deps.js';

/** A store over the run's DynamoDB Local table (one KEK per test file is enough). */
export function testStore(): Store {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  return createStore({ client, tableName: inject('tableName'), kek: randomBytes(32) });
}

/**
 * Mints an API key of the org (as the control API's verb does: the store keeps its hash and
 * hint) and answers the stored record and the key.
 */
export async function seedApiKey(
  store: Store,
  orgId: string,
  input: { name?: string; serverId?: string },
): Promise<{ record: ApiKeyRecord; key: string }> {
  const { key, hash, hint } = mintApiKey();
  return { record: await store.apiKeys.create(orgId, { ...input, hash, hint }), key };
}

let slugCounter = 0;

/** A fresh slug, unique across files and runs. */
export function freshSlug(prefix = 's'): string {
  slugCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${slugCounter}`;
}

export interface SeededServer {
  orgId: string;
  server: ServerRecord;
  slug: string;
}

/**
 * Creates an org (unless `orgId` is given) and a server with `document` converted by the real
 * generator, stored and activated, and the upstream config set.
 */
export async function seedServer(
  store: Store,
  options: {
    document: string;
    access?: ServerAccess;
    orgId?: string;
    baseUrl?: string;
    credential?: UpstreamCredential;
    activate?: boolean;
  },
): Promise<SeededServer> {
  const orgId = options.orgId ?? (await store.orgs.create({ name: 'Test org' })).orgId;
  const slug = freshSlug();
  let server = await store.servers.create(orgId, {
    slug,
    name: 'Test server',
    access: options.access ?? 'public',
  });
  if (options.activate !== false) {
    const { manifest, report } = convertOpenApi(options.document);
    const version = await store.specs.putVersion(orgId, server.serverId, {
      document: new TextEncoder().encode(options.document),
      manifest,
      report,
    });
    server = await store.servers.activateVersion(orgId, server.serverId, version.versionId);
  }
  if (options.baseUrl !== undefined || options.credential !== undefined) {
    await store.upstreams.put(orgId, server.serverId, {
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      ...(options.credential !== undefined ? { credential: options.credential } : {}),
    });
  }
  return { orgId, server, slug };
}

export interface RunningGateway {
  app: FastifyInstance;
  origin: string;
  url(slug: string): string;
  close(): Promise<void>;
}

/** Builds the gateway and listens on 127.0.0.1:<free port>. */
export async function startGateway(deps: GatewayDeps): Promise<RunningGateway> {
  const app = await buildApp(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { app, origin, url: (slug) => `${origin}/s/${slug}/mcp`, close: () => app.close() };
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CaptureServer {
  url: string;
  host: string;
  requests: CapturedRequest[];
  /** TCP connections accepted so far (a refused SSRF attempt must leave this at 0). */
  connections(): number;
  respond(
    fn: (req: CapturedRequest) => {
      status: number;
      headers?: Record<string, string>;
      body?: string;
    },
  ): void;
  close(): Promise<void>;
}

/** A tiny local HTTP upstream that records what it receives (headers, body) and answers JSON. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let connections = 0;
  let responder: Parameters<CaptureServer['respond']>[0] = () => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
  });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(captured);
      const answer = responder(captured);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    respond: (fn) => {
      responder = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal OpenAPI 3.0 document with a few tools, for upstream-behaviour tests. */
export function echoDocument(serverUrl = 'https://api.example.com'): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Echo', version: '1.0.0' },
    servers: [{ url: serverUrl }],
    paths: {
      '/items/{id}': {
        get: {
          operationId: 'getItem',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
            { name: 'verbose', in: 'query', schema: { type: 'boolean' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/items': {
        post: {
          operationId: 'createItem',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: { type: 'string' }, size: { type: 'integer' } },
                },
              },
            },
          },
          responses: { '201': { description: 'created' } },
        },
      },
    },
  });
}

/** A raw reply: tests probe JSON-RPC bodies field by field, so the body stays loosely typed. */
// biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary JSON-RPC result shapes
export type RawReply = { status: number; headers: Headers; body: any };

/** POSTs one raw JSON-RPC message to the MCP endpoint. */
export async function postJsonRpc(
  url: string,
  message: unknown,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(message),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: leave the text for the assertion message
  }
  return { status: res.status, headers: res.headers, body };
}

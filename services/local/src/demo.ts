import { readFile, writeFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/** What a developer needs to use the demo servers; kept in `<dataDir>/demo.json` (mode 0600). */
export interface DemoInfo {
  orgId: string;
  /** The server that takes the org's API key. */
  slug: string;
  apiKey: string;
  /** The same API behind end-user sign-in (OAuth 2.1 with an email code). */
  signInSlug: string;
}

export const DEMO_SLUG = 'demo-petstore';
export const DEMO_SIGN_IN_SLUG = 'demo-petstore-signin';
/** The demo org's first admin member: signs in to the control API with an email code. */
export const DEMO_ADMIN_EMAIL = 'admin@demo.portico.local';

/** The demo's servers: one per access mode a developer tries first. */
const DEMO_SERVERS = [
  { slug: DEMO_SLUG, name: 'Swagger Petstore (demo)', access: 'api_key' },
  { slug: DEMO_SIGN_IN_SLUG, name: 'Swagger Petstore (sign-in demo)', access: 'end_user' },
] as const;

/**
 * The gateway grants that let the demo servers, and only them, call the demo's Prism at
 * `hostPort` (`127.0.0.1:4010`): `slug=host:port` entries of `PORTICO_ALLOW_UPSTREAM_HOSTS`. A bare
 * entry would let every organization on the stack point its upstream at it.
 */
export function demoUpstreamGrants(hostPort: string): string[] {
  return DEMO_SERVERS.map((server) => `${server.slug}=${hostPort}`);
}

interface InjectOptions {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  key?: string;
  json?: unknown;
  body?: Buffer;
  contentType?: string;
}

/** Calls the control API in-process through its real routes (same validation as over HTTP). */
async function call<T>(api: FastifyInstance, o: InjectOptions): Promise<T> {
  const headers: Record<string, string> = {};
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  if (o.contentType) headers['content-type'] = o.contentType;
  const res = await api.inject({
    method: o.method,
    url: o.url,
    headers,
    ...(o.json !== undefined ? { payload: o.json as object } : {}),
    ...(o.body ? { payload: o.body } : {}),
  });
  if (res.statusCode >= 300) {
    throw new Error(`demo setup: ${o.method} ${o.url} answered ${res.statusCode}: ${res.body}`);
  }
  return res.json() as T;
}

async function readDemo(path: string): Promise<DemoInfo | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DemoInfo;
  } catch {
    return undefined;
  }
}

/** Creates a demo server from the document at `specPath` unless it exists. */
async function ensureServer(
  api: FastifyInstance,
  key: string,
  server: (typeof DEMO_SERVERS)[number],
  specPath: string,
): Promise<void> {
  const found = await api.inject({
    method: 'GET',
    url: `/api/v1/servers/${server.slug}`,
    headers: { authorization: `Bearer ${key}` },
  });
  if (found.statusCode === 200) return;
  await call(api, { method: 'POST', url: '/api/v1/servers', key, json: server });
  await call(api, {
    method: 'POST',
    url: `/api/v1/servers/${server.slug}/versions`,
    key,
    body: await readFile(specPath),
    contentType: 'application/json',
  });
}

/**
 * Makes sure the demo organization exists: on first start it signs up an organization; on every
 * start it makes sure its two servers exist, generated from the OpenAPI document at `specPath`
 * (`demo-petstore`, API key required, and `demo-petstore-signin`, end-user sign-in), and points
 * their upstream at `upstreamUrl` (the Prism mock of that same document, whose port changes between
 * starts). Credentials are remembered in `statePath`.
 */
export async function ensureDemo(
  api: FastifyInstance,
  {
    statePath,
    specPath,
    upstreamUrl,
  }: { statePath: string; specPath: string; upstreamUrl: string },
): Promise<DemoInfo> {
  let demo = await readDemo(statePath);
  if (demo) {
    const check = await api.inject({
      method: 'GET',
      url: '/api/v1/org',
      headers: { authorization: `Bearer ${demo.apiKey}` },
    });
    if (check.statusCode !== 200) demo = undefined; // the data folder was wiped
  }
  if (!demo) {
    const signup = await call<{ org: { orgId: string }; apiKey: { key: string } }>(api, {
      method: 'POST',
      url: '/api/v1/orgs',
      json: { name: 'Demo organization', email: DEMO_ADMIN_EMAIL },
    });
    demo = {
      orgId: signup.org.orgId,
      slug: DEMO_SLUG,
      apiKey: signup.apiKey.key,
      signInSlug: DEMO_SIGN_IN_SLUG,
    };
  }
  // Data folders from before the sign-in demo lack its slug.
  demo = { ...demo, signInSlug: DEMO_SIGN_IN_SLUG };
  await writeFile(statePath, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  for (const server of DEMO_SERVERS) {
    await ensureServer(api, demo.apiKey, server, specPath);
    await call(api, {
      method: 'PUT',
      url: `/api/v1/servers/${server.slug}/upstream`,
      key: demo.apiKey,
      json: { baseUrl: upstreamUrl },
    });
  }
  return demo;
}

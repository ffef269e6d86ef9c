import { readFile, writeFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/** What a developer needs to use the demo server; kept in `<dataDir>/demo.json` (mode 0600). */
export interface DemoInfo {
  orgId: string;
  slug: string;
  apiKey: string;
}

export const DEMO_SLUG = 'demo-petstore';

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

/**
 * Makes sure the demo organization exists: on first start it signs up an organization, creates the
 * `demo-petstore` server (API key required) from the OpenAPI document at `specPath`; on every start
 * it points the server's upstream at `upstreamUrl` (the Prism mock of that same document, whose
 * port changes between starts). Credentials are remembered in `statePath`.
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
      json: { name: 'Demo organization' },
    });
    const key = signup.apiKey.key;
    await call(api, {
      method: 'POST',
      url: '/api/v1/servers',
      key,
      json: { slug: DEMO_SLUG, name: 'Swagger Petstore (demo)', access: 'api_key' },
    });
    await call(api, {
      method: 'POST',
      url: `/api/v1/servers/${DEMO_SLUG}/versions`,
      key,
      body: await readFile(specPath),
      contentType: 'application/json',
    });
    demo = { orgId: signup.org.orgId, slug: DEMO_SLUG, apiKey: key };
    await writeFile(statePath, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  }
  await call(api, {
    method: 'PUT',
    url: `/api/v1/servers/${demo.slug}/upstream`,
    key: demo.apiKey,
    json: { baseUrl: upstreamUrl },
  });
  return demo;
}

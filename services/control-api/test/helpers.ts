import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDynamoClient, createStore, type Store } from '@portico/store';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/index.js';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** The control API on the run's DynamoDB Local, with a random KEK. */
export async function testApp(
  opts: {
    signupToken?: string;
    maxSpecBytes?: number;
    logger?: object;
    wrapStore?: (s: Store) => Store;
  } = {},
): Promise<TestApp> {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const base = createStore({ client, tableName: inject('tableName'), kek: randomBytes(32) });
  const store = opts.wrapStore ? opts.wrapStore(base) : base;
  const app = await buildApp({
    store,
    ...(opts.signupToken ? { signupToken: opts.signupToken } : {}),
    ...(opts.maxSpecBytes ? { maxSpecBytes: opts.maxSpecBytes } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  return {
    app,
    store,
    close: async () => {
      await app.close();
      client.destroy();
    },
  };
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/** A fresh org per test: signs up and returns the org id and its first (org-wide) key. */
export async function signup(
  app: FastifyInstance,
): Promise<{ orgId: string; key: string; keyId: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    payload: { name: `Org ${randomBytes(3).toString('hex')}` },
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.body}`);
  const body = res.json();
  return { orgId: body.org.orgId, key: body.apiKey.key, keyId: body.apiKey.keyId };
}

export function uniqueSlug(prefix = 'srv'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function createServer(
  app: FastifyInstance,
  key: string,
  body: Record<string, unknown> = {},
): Promise<{ slug: string; serverId: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/servers',
    headers: bearer(key),
    payload: { slug: uniqueSlug(), name: 'Test server', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create server failed: ${res.body}`);
  return res.json().server;
}

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

export function upload(
  app: FastifyInstance,
  key: string,
  slug: string,
  payload: Buffer | string,
  opts: { contentType?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/v1/servers/${slug}/versions${opts.query ? `?${opts.query}` : ''}`,
    headers: {
      ...bearer(key),
      'content-type': opts.contentType ?? 'application/json',
      ...opts.headers,
    },
    payload,
  });
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClient, createStore, type MemberRole, type Store } from '@portico/store';
import {
  createAesGcmSealer,
  createFileKeyStore,
  createTokenService,
  type TokenService,
} from '@portico/tokens';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type ControlApiSignupMode } from '../src/index.js';

/** The canonical origin and token issuer of the test deployment. */
export const ORIGIN = 'https://portico.test';
/** The audience of member session tokens at this control API. */
export const SESSION_AUDIENCE = `${ORIGIN}/api/v1`;

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** The token service the app verifies session tokens with (signs them too, for tests). */
  tokens: TokenService;
  /** Another token service over the same signing keys (another issuer, or another clock). */
  signer(opts: { issuer?: string; now?: () => number }): TokenService;
  close(): Promise<void>;
}

/**
 * The control API on the run's DynamoDB Local, with a random KEK, accepting member session tokens
 * of a token service over a fresh key file (issuer ORIGIN, audience `${ORIGIN}/api/v1`), unless
 * `sessions: false` (API keys only).
 */
export async function testApp(
  opts: {
    /** Sign-up mode; tests create fresh orgs with POST /api/v1/orgs, so `open` by default. */
    signup?: ControlApiSignupMode;
    signupToken?: string;
    maxSpecBytes?: number;
    storageLimits?: { maxVersionsPerServer?: number; maxStoredBytesPerOrg?: number };
    logger?: object;
    wrapStore?: (s: Store) => Store;
    sessions?: boolean;
    /** The clock (epoch ms) the app's token service verifies with. */
    now?: () => number;
  } = {},
): Promise<TestApp> {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const base = createStore({ client, tableName: inject('tableName'), kek: randomBytes(32) });
  const store = opts.wrapStore ? opts.wrapStore(base) : base;
  const dir = await mkdtemp(join(tmpdir(), 'control-api-keys-'));
  const keyStore = createFileKeyStore(join(dir, 'signing-keys.json'));
  const sealer = createAesGcmSealer(randomBytes(32));
  const tokens = createTokenService({
    keyStore,
    sealer,
    issuer: ORIGIN,
    ...(opts.now ? { now: opts.now } : {}),
  });
  await tokens.ensureKey();
  const app = await buildApp({
    store,
    signup: opts.signup ?? 'open',
    ...(opts.signupToken ? { signupToken: opts.signupToken } : {}),
    ...(opts.maxSpecBytes ? { maxSpecBytes: opts.maxSpecBytes } : {}),
    ...(opts.storageLimits ? { storageLimits: opts.storageLimits } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.sessions === false ? {} : { tokens, issuer: ORIGIN, publicOrigin: ORIGIN }),
  });
  return {
    app,
    store,
    tokens,
    signer: ({ issuer, now }) =>
      createTokenService({ keyStore, sealer, issuer: issuer ?? ORIGIN, ...(now ? { now } : {}) }),
    close: async () => {
      await app.close();
      client.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A member session token (`portico-session+jwt`) for `${ORIGIN}/api/v1`, 5 minutes. */
export function sessionToken(
  tokens: TokenService,
  claims: { orgId: string; memberId: string; lifetimeSeconds?: number },
): Promise<string> {
  return tokens.sign({
    typ: 'portico-session+jwt',
    sub: claims.memberId,
    aud: SESSION_AUDIENCE,
    orgId: claims.orgId,
    lifetimeSeconds: claims.lifetimeSeconds ?? 300,
  });
}

let memberCounter = 0;

/** A fresh address, unique across files and runs. */
export function freshEmail(prefix = 'member'): string {
  memberCounter += 1;
  return `${prefix}-${process.pid}-${memberCounter}-${randomBytes(3).toString('hex')}@example.test`;
}

/** Adds a member with `role` straight in the store and returns a session token for them. */
export async function memberSession(
  t: TestApp,
  orgId: string,
  role: MemberRole,
): Promise<{ memberId: string; email: string; token: string }> {
  const email = freshEmail(role);
  const member = await t.store.members.add(orgId, { email, role, now: new Date() });
  const token = await sessionToken(t.tokens, { orgId, memberId: member.memberId });
  return { memberId: member.memberId, email, token };
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

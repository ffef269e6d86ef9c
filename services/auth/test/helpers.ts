import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoredEmail } from '@portico/devkit';
import { createDynamoClient, createStore, type ServerRecord, type Store } from '@portico/store';
import {
  createAesGcmSealer,
  createTokenService,
  type KeyStore,
  type StoredSigningKey,
  type TokenService,
} from '@portico/tokens';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type BuildAppDeps, buildApp, type EmailSender, type OutgoingEmail } from '../src/index.js';

export const T0 = new Date('2030-01-01T12:00:00.000Z');

/**
 * A clock tests move by hand. Each reading moves it 1 ms on, so events recorded in one test
 * still have distinct, ordered times (event ids sort by time).
 */
export interface FakeClock {
  now: () => Date;
  set(d: Date): void;
  /** Moves the clock by `ms`. */
  advance(ms: number): void;
}

export function fakeClock(start: Date = T0): FakeClock {
  let t = start.getTime();
  return {
    now: () => new Date(t++),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** An EmailSender that keeps what it was asked to send (a double for SES; see the SES test). */
export interface CapturingSender extends EmailSender {
  sent: OutgoingEmail[];
  /** The code of the last message to `to`. */
  codeFor(to: string): string;
}

export function capturingSender(): CapturingSender {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    codeFor(to) {
      const last = sent.filter((m) => m.to === to.toLowerCase()).at(-1);
      // The code's own indented line: an org or server name may contain six digits too.
      const code = last?.text.match(/^ {4}(\d{6})$/m)?.[1];
      if (!code) throw new Error(`no code mailed to ${to}`);
      return code;
    },
  };
}

/** Issuer and public origin of the test app. */
export const ORIGIN = 'http://portico.test';

/** A KeyStore in memory (the file one is tested in @portico/tokens). */
export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, StoredSigningKey>();
  return {
    list: async () => [...keys.values()],
    put: async (key) => {
      keys.set(key.kid, key);
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  tokens: TokenService;
  store: Store;
  client: DynamoDBClient;
  tableName: string;
  codeKey: Buffer;
  clock: FakeClock;
  mail: CapturingSender;
  close(): Promise<void>;
}

/** The auth service on the run's DynamoDB Local, a fake clock and a capturing sender. */
export async function testApp(opts: Partial<BuildAppDeps> = {}): Promise<TestApp> {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const tableName = inject('tableName');
  const store = createStore({ client, tableName, kek: randomBytes(32) });
  const clock = fakeClock();
  const mail = capturingSender();
  const codeKey = randomBytes(32);
  const tokens = createTokenService({
    keyStore: memoryKeyStore(),
    sealer: createAesGcmSealer(randomBytes(32)),
    issuer: ORIGIN,
    now: () => clock.now().getTime(),
  });
  await tokens.ensureKey();
  const app = await buildApp({
    store,
    email: mail,
    codeKey,
    now: clock.now,
    tokens,
    issuer: ORIGIN,
    publicOrigin: ORIGIN,
    ...opts,
  });
  return {
    app,
    tokens,
    store,
    client,
    tableName,
    codeKey,
    clock,
    mail,
    close: async () => {
      await app.close();
      client.destroy();
    },
  };
}

/**
 * Runs `fn` with a fresh {@link testApp} (built with `opts`) and closes it afterwards, whether
 * `fn` passed or threw.
 */
export async function withTestApp<T>(
  fn: (t: TestApp) => Promise<T>,
  opts: Partial<BuildAppDeps> = {},
): Promise<T> {
  const t = await testApp(opts);
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

/** A fresh org with one member (an admin) and a server. */
export async function freshTenant(
  store: Store,
  serverName = 'Weather API',
): Promise<{ orgId: string; member: string; server: ServerRecord }> {
  const member = uniqueEmail('owner');
  const org = await store.orgs.create({
    name: `Org ${randomBytes(3).toString('hex')}`,
    email: member,
  });
  await store.members.add(org.orgId, { email: member, role: 'admin', now: T0 });
  const server = await store.servers.create(org.orgId, {
    slug: `s-${randomBytes(6).toString('hex')}`,
    name: serverName,
    access: 'public',
  });
  return { orgId: org.orgId, member, server };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.com`;
}

/** A client IP of its own, so per-IP limits of one test do not touch another. */
export function uniqueIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export type WireAudience =
  | { kind: 'member'; orgId: string }
  | { kind: 'enduser'; serverSlug: string };

export function requestCode(
  app: FastifyInstance,
  body: { email: string; audience: WireAudience },
  client: { ip?: string; userAgent?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/codes',
    payload: body,
    remoteAddress: client.ip ?? uniqueIp(),
    headers: { 'user-agent': client.userAgent ?? 'vitest' },
  });
}

export function verifyCode(
  app: FastifyInstance,
  body: { email: string; audience: WireAudience; code: string },
  client: { ip?: string; userAgent?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/codes/verify',
    payload: body,
    remoteAddress: client.ip ?? uniqueIp(),
    headers: { 'user-agent': client.userAgent ?? 'vitest' },
  });
}

/** A code that is not `code` (for wrong attempts). */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

// The SES stand-in wants an AWS-style Authorization header on every request; any will do.
const SES_DUMMY_AUTH = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0',
};

/**
 * The message to `to` in the SES stand-in's mailbox (`GET /store`), polled for up to 5 s since
 * codes are mailed in the background. global-setup.ts started the stand-in, so only its endpoint
 * is known here.
 */
export async function mailTo(endpoint: string, to: string): Promise<StoredEmail> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${endpoint}/store`, { headers: SES_DUMMY_AUTH });
    const { emails } = (await res.json()) as { emails: StoredEmail[] };
    const mail = emails.find((m) => m.destination.to.includes(to));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} in the SES stand-in`);
}

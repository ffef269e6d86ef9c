import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndUserTouch, Store } from '@portico/store';
import { createAesGcmSealer, createFileKeyStore, createTokenService } from '@portico/tokens';
import {
  echoDocument,
  postJsonRpc,
  type RawReply,
  type RunningGateway,
  type SeededServer,
  seedServer,
  startGateway,
  testStore,
} from './env.js';

export const ORIGIN = 'https://mcp.portico.test';
const ISSUER = `${ORIGIN}/auth`;

/** The store's `endUsers.touch` as the gateway called it: arguments, and what it answered. */
export interface TouchCall {
  endUserId: string;
  at: Date;
  outcome: Promise<EndUserTouch>;
}

export interface ActivityEnv {
  store: Store;
  gateway: RunningGateway;
  server: SeededServer;
  touches: TouchCall[];
  /** Makes the next store touch fail (once). */
  failNextTouch(): void;
  /** Waits for every touch the gateway started (they run off the request path). */
  settled(): Promise<void>;
  /** An access token (tools:read tools:call) for `sub` at the env's server, 5 minutes. */
  token(sub: string): Promise<string>;
  /** tools/list at the env's server with these headers. */
  list(headers?: Record<string, string>): Promise<RawReply>;
  close(): Promise<void>;
}

/**
 * A gateway (tokens, publicOrigin ORIGIN) over the run's DynamoDB Local whose store records every
 * end-user touch, and one `end_user` server. Uses Date.now(): fake it before calling.
 */
export async function startActivityEnv(): Promise<ActivityEnv> {
  const base = testStore();
  const touches: TouchCall[] = [];
  let failNext = false;
  const store: Store = {
    ...base,
    endUsers: {
      ...base.endUsers,
      touch: (orgId, serverId, endUserId, at) => {
        const outcome = failNext
          ? Promise.reject(new Error('DynamoDB unavailable'))
          : base.endUsers.touch(orgId, serverId, endUserId, at);
        failNext = false;
        touches.push({ endUserId, at, outcome });
        return outcome;
      },
    },
  };
  const dir = await mkdtemp(join(tmpdir(), 'gw-activity-'));
  const tokens = createTokenService({
    keyStore: createFileKeyStore(join(dir, 'signing-keys.json')),
    sealer: createAesGcmSealer(randomBytes(32)),
    issuer: ISSUER,
  });
  await tokens.ensureKey();
  const gateway = await startGateway({ store, tokens, publicOrigin: ORIGIN });
  const server = await seedServer(store, { document: echoDocument(), access: 'end_user' });
  return {
    store,
    gateway,
    server,
    touches,
    failNextTouch: () => {
      failNext = true;
    },
    settled: async () => {
      await Promise.allSettled(touches.map((t) => t.outcome));
    },
    token: (sub) =>
      tokens.sign({
        typ: 'at+jwt',
        sub,
        aud: `${ORIGIN}/s/${server.slug}/mcp`,
        clientId: 'cli_test',
        orgId: server.orgId,
        scope: 'tools:read tools:call',
        lifetimeSeconds: 300,
      }),
    list: (headers = {}) =>
      postJsonRpc(
        gateway.url(server.slug),
        { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        headers,
      ),
    close: async () => {
      await gateway.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string): { authorization: string } => ({
  authorization: `Bearer ${token}`,
});

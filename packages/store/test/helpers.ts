import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import {
  type AuthCodeInput,
  createDynamoClient,
  createStore,
  type OrgRecord,
  type Store,
} from '../src/index.js';

export interface TestStore {
  client: DynamoDBClient;
  tableName: string;
  kek: Buffer;
  store: Store;
}

/** A store on the run's DynamoDB Local (see global-setup.ts) with a random KEK. */
export function testStore(): TestStore {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const tableName = inject('tableName');
  const kek = randomBytes(32);
  return { client, tableName, kek, store: createStore({ client, tableName, kek }) };
}

/** A fresh org per test instead of table wipes. */
export function freshOrg(store: Store): Promise<OrgRecord> {
  return store.orgs.create({ name: `org ${randomBytes(4).toString('hex')}` });
}

/** A slug no other test uses. */
export function uniqueSlug(prefix = 's'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** The raw item at `key`, table keys included (to inspect what is stored), or undefined. */
export async function rawItem(
  t: TestStore,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  const doc = DynamoDBDocumentClient.from(t.client);
  const res = await doc.send(
    new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }),
  );
  return res.Item;
}

/** A random SHA-256-like hex string (a stand-in for a token or code hash). */
export function randomHash(): string {
  return randomBytes(32).toString('hex');
}

/** The fixed "now" of the store tests (fake time: TTL and expiry checks are explicit). */
export const T0 = new Date('2030-01-01T00:00:00.000Z');

/** An authorization code of `sub` for server `srv_a` of `orgId`, issued at T0 for 60 s. */
export function authCodeInput(orgId: string, sub: string, codeHash = randomHash()): AuthCodeInput {
  return {
    codeHash,
    clientId: 'cli_test',
    redirectUri: 'http://127.0.0.1:3000/callback',
    codeChallenge: 'x'.repeat(43),
    resource: 'https://portico.test/s/demo/mcp',
    orgId,
    serverId: 'srv_a',
    sub,
    scope: 'tools:read',
    now: T0,
    ttlSeconds: 60,
  };
}

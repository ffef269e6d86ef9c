import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, errorName, getItem, queryAll, stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import type { ApiKeyRecord } from './types.js';

/** A key's last-used time is written at most once per this many ms. */
export const TOUCH_INTERVAL_MS = 60_000;

/**
 * A key to persist, minted by the caller (`mintApiKey` of @portico/tokens): its SHA-256 and
 * display hint only; the key itself never reaches the store.
 */
export interface NewApiKey {
  /** SHA-256 hex of the key. */
  hash: string;
  /** Display hint, `ptk_…` + last 4 characters. */
  hint: string;
  name?: string;
  /** Scope the key to this server of the org; absent = the whole org. */
  serverId?: string;
}

/**
 * API keys. The record lives in the org partition (`KEY#<keyId>`) and a copy in the global lookup
 * item `KEYHASH#<sha256>`, so the gateway resolves a presented key with one strongly consistent
 * GetItem. Both are written and revoked together in one transaction. Neither holds the key itself.
 */
export interface ApiKeyStore {
  /**
   * Stores a minted key of the org (scoped to `serverId` when given) under a new keyId, with
   * its lookup item, in one transaction. Returns the record as stored.
   * Throws PorticoError('NOT_FOUND') if the org (or the server, when given) does not exist.
   */
  create(orgId: string, input: NewApiKey): Promise<ApiKeyRecord>;
  /** The key record for a SHA-256 hex hash, revoked or not (callers check `revokedAt`). */
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** All keys of the org, revoked included, oldest first. */
  list(orgId: string): Promise<ApiKeyRecord[]>;
  /** Revokes a key (idempotent; keeps the first revokedAt). PorticoError('NOT_FOUND') if absent. */
  revoke(orgId: string, keyId: string): Promise<void>;
  /**
   * Records that the key was used at `at` (default now). Skips the write when `record.lastUsedAt`
   * or the stored value is less than 60 s older than `at`. Never throws for a lost race.
   */
  touch(record: ApiKeyRecord, at?: Date): Promise<void>;
}

export function createApiKeyStore(ctx: StoreContext): ApiKeyStore {
  const { doc, tableName } = ctx;

  async function getRecord(orgId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    return getItem<ApiKeyRecord>(ctx, keys.apiKey(orgId, keyId));
  }

  return {
    async create(orgId, input) {
      const record: ApiKeyRecord = {
        keyId: newId('apiKey'),
        orgId,
        hash: input.hash,
        hint: input.hint,
        createdAt: new Date().toISOString(),
        ...(input.serverId ? { serverId: input.serverId } : {}),
        ...(input.name ? { name: input.name } : {}),
      };
      const items = [
        {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.org(orgId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.apiKey(orgId, record.keyId), type: 'apiKey', ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.apiKeyLookup(record.hash), type: 'apiKeyLookup', ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(input.serverId
          ? [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.server(orgId, input.serverId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
            ]
          : []),
      ];
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes?.[0] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'organization not found');
        }
        if (codes?.[3] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'server not found');
        }
        throw err;
      }
      return record;
    },

    async findByHash(hash) {
      return getItem<ApiKeyRecord>(ctx, keys.apiKeyLookup(hash));
    },

    async list(orgId) {
      const items = await queryAll(ctx, keys.apiKeysOf(orgId));
      return items.map((item) => stripKeys<ApiKeyRecord>(item));
    },

    async revoke(orgId, keyId) {
      const record = await getRecord(orgId, keyId);
      if (!record) throw new PorticoError('NOT_FOUND', 'API key not found');
      const now = new Date().toISOString();
      const update = {
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
      };
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: tableName, Key: keys.apiKey(orgId, keyId), ...update } },
            { Update: { TableName: tableName, Key: keys.apiKeyLookup(record.hash), ...update } },
          ],
        }),
      );
    },

    async touch(record, at = new Date()) {
      if (record.lastUsedAt && at.getTime() - Date.parse(record.lastUsedAt) < TOUCH_INTERVAL_MS) {
        return;
      }
      const threshold = new Date(at.getTime() - TOUCH_INTERVAL_MS).toISOString();
      const targets = [keys.apiKey(record.orgId, record.keyId), keys.apiKeyLookup(record.hash)];
      await Promise.all(
        targets.map(async (Key) => {
          try {
            await doc.send(
              new UpdateCommand({
                TableName: tableName,
                Key,
                UpdateExpression: 'SET lastUsedAt = :at',
                // ISO-8601 UTC strings of one format compare in time order.
                ConditionExpression:
                  'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :threshold)',
                ExpressionAttributeValues: { ':at': at.toISOString(), ':threshold': threshold },
              }),
            );
          } catch (err) {
            if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
          }
        }),
      );
    },
  };
}

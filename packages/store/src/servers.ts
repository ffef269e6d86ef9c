import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { StoreContext } from './dynamo.js';
import {
  cancellationCodes,
  errorName,
  getItem,
  isTransactionConflict,
  queryAll,
  stripKeys,
  withRetry,
} from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import type { ServerAccess, ServerRecord } from './types.js';

/** Server slugs: lowercase DNS-label-like, 1-63 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * MCP servers of an org. The record lives at `ORG#<orgId>` / `SERVER#<serverId>`; its slug is
 * reserved by the global lookup item `SLUG#<slug>`, written in the same transaction with
 * `attribute_not_exists`, which makes slugs globally unique even under concurrent creates.
 */
export interface ServerStore {
  /**
   * Creates a server. Throws PorticoError('CONFLICT') if the slug is taken (by any org),
   * 'VALIDATION_FAILED' if the slug does not match SLUG_PATTERN, 'NOT_FOUND' if the org is absent.
   */
  create(
    orgId: string,
    input: { slug: string; name: string; access: ServerAccess },
  ): Promise<ServerRecord>;
  get(orgId: string, serverId: string): Promise<ServerRecord | undefined>;
  /** Global lookup for the gateway: lookup item, then the record (two consistent reads). */
  getBySlug(slug: string): Promise<ServerRecord | undefined>;
  /** All servers of the org, oldest first. */
  list(orgId: string): Promise<ServerRecord[]>;
  /** Updates name and/or access. PorticoError('NOT_FOUND') if the server is absent. */
  update(
    orgId: string,
    serverId: string,
    patch: { name?: string; access?: ServerAccess },
  ): Promise<ServerRecord>;
  /**
   * Makes `versionId` the served version. PorticoError('NOT_FOUND') if the server or the version
   * (of this server) does not exist.
   */
  activateVersion(orgId: string, serverId: string, versionId: string): Promise<ServerRecord>;
}

export function createServerStore(ctx: StoreContext): ServerStore {
  const { doc, tableName } = ctx;

  async function get(orgId: string, serverId: string): Promise<ServerRecord | undefined> {
    return getItem<ServerRecord>(ctx, keys.server(orgId, serverId));
  }

  return {
    async create(orgId, input) {
      if (!SLUG_PATTERN.test(input.slug)) {
        throw new PorticoError(
          'VALIDATION_FAILED',
          'slug must match ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
        );
      }
      const now = new Date().toISOString();
      const record: ServerRecord = {
        orgId,
        serverId: newId('server'),
        slug: input.slug,
        name: input.name,
        access: input.access,
        createdAt: now,
        updatedAt: now,
      };
      const transaction = new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.slugLookup(input.slug),
                type: 'slugLookup',
                orgId,
                serverId: record.serverId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.server(orgId, record.serverId), type: 'server', ...record },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.org(orgId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      });
      try {
        // A concurrent create of the same slug cancels with TransactionConflict; retried, it then
        // sees the winner's lookup item and fails with ConditionalCheckFailed -> CONFLICT.
        await withRetry(() => doc.send(transaction), isTransactionConflict, 8);
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes?.[0] === 'ConditionalCheckFailed') {
          throw new PorticoError('CONFLICT', `slug "${input.slug}" is taken`);
        }
        if (codes?.[2] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'organization not found');
        }
        throw err;
      }
      return record;
    },

    get,

    async getBySlug(slug) {
      if (!SLUG_PATTERN.test(slug)) return undefined;
      const lookup = await getItem<{ orgId?: string; serverId?: string }>(
        ctx,
        keys.slugLookup(slug),
      );
      if (!lookup?.orgId || !lookup.serverId) return undefined;
      return get(lookup.orgId, lookup.serverId);
    },

    async list(orgId) {
      const items = await queryAll(ctx, keys.serversOf(orgId));
      return items.map((item) => stripKeys<ServerRecord>(item));
    },

    async update(orgId, serverId, patch) {
      const sets = ['updatedAt = :now'];
      const values: Record<string, unknown> = { ':now': new Date().toISOString() };
      const names: Record<string, string> = {};
      if (patch.name !== undefined) {
        sets.push('#name = :name');
        names['#name'] = 'name';
        values[':name'] = patch.name;
      }
      if (patch.access !== undefined) {
        sets.push('#access = :access');
        names['#access'] = 'access';
        values[':access'] = patch.access;
      }
      try {
        const res = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.server(orgId, serverId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: values,
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return stripKeys<ServerRecord>(res.Attributes ?? {});
      } catch (err) {
        if (errorName(err) === 'ConditionalCheckFailedException') {
          throw new PorticoError('NOT_FOUND', 'server not found');
        }
        throw err;
      }
    },

    async activateVersion(orgId, serverId, versionId) {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.version(orgId, serverId, versionId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.server(orgId, serverId),
                  UpdateExpression: 'SET activeVersionId = :v, updatedAt = :now',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':v': versionId, ':now': new Date().toISOString() },
                },
              },
            ],
          }),
        );
      } catch (err) {
        const codes = cancellationCodes(err);
        if (codes?.[1] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'server not found');
        }
        if (codes?.[0] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'spec version not found');
        }
        throw err;
      }
      const record = await get(orgId, serverId);
      if (!record) throw new PorticoError('NOT_FOUND', 'server not found');
      return record;
    },
  };
}

import {
  DeleteCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { conditionFailureItem, errorName, getItem, stripKeys } from './dynamo.js';
import { emailHash, normalizeEmail } from './emails.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, type Page, pageSize } from './pagination.js';

/** lastSeenAt of an end user is written at most once per this many ms on activity. */
export const END_USER_TOUCH_INTERVAL_MS = 60_000;

/** An end user of one server: someone who signed in to it with an email code. */
export interface EndUserRecord {
  orgId: string;
  serverId: string;
  /** emailHash(email): the end user's id in keys, in access tokens (`sub`) and in OAuth grants. */
  endUserId: string;
  /** Normalized address. */
  email: string;
  /** Same value as endUserId (kept for auth-event lookups by hash). */
  emailHash: string;
  /** ISO-8601: first successful sign-in. */
  firstSeenAt: string;
  /** ISO-8601: last sign-in or activity (activity at most once a minute). */
  lastSeenAt: string;
  /** Successful sign-ins. */
  loginCount: number;
}

/** What `touch` did: wrote lastSeenAt, found it written under 60 s ago, or found no end user. */
export type EndUserTouch = 'touched' | 'recent' | 'missing';

/**
 * End users per server, at `ORG#<orgId>#SRV#<serverId>` / `ENDUSER#<endUserId>`, where
 * `endUserId` = emailHash(email). Counting and touching are single conditional UpdateItems, so
 * they are exact under concurrency.
 */
export interface EndUserStore {
  /**
   * A successful sign-in of `email` (any case) at `at`: creates the record, sets lastSeenAt, adds
   * 1 to loginCount. Returns the record (its `endUserId` is the `sub` of the user's tokens).
   */
  recordLogin(orgId: string, serverId: string, email: string, at: Date): Promise<EndUserRecord>;
  /**
   * Activity at `at` (the gateway, with the access token's `sub`): sets lastSeenAt only when the
   * stored one is older than 60 s, so a busy user costs one write a minute. Never creates a
   * record. One conditional UpdateItem; a failed condition returns the stored item
   * (ReturnValuesOnConditionCheckFailure), which tells `recent` from `missing`.
   */
  touch(orgId: string, serverId: string, endUserId: string, at: Date): Promise<EndUserTouch>;
  /** The end user, or undefined. Strongly consistent. */
  get(orgId: string, serverId: string, endUserId: string): Promise<EndUserRecord | undefined>;
  /**
   * The server's end users in key order, `limit` (1..100, default 50) per page. `emailPrefix`
   * filters on the normalized address (a filter, not a key: addresses are hashed in keys, so a
   * search reads the server's end users page by page). Throws VALIDATION_FAILED on a bad cursor.
   */
  list(
    orgId: string,
    serverId: string,
    opts?: { emailPrefix?: string; limit?: number; cursor?: string },
  ): Promise<Page<EndUserRecord>>;
  /**
   * Deletes the record; true when it existed. Its refresh families are revoked separately
   * (`refreshTokens.revokeSubject({ orgId, serverId, sub: endUserId }, ...)`).
   */
  delete(orgId: string, serverId: string, endUserId: string): Promise<boolean>;
}

export function createEndUserStore(ctx: StoreContext): EndUserStore {
  const { doc, tableName } = ctx;

  return {
    async recordLogin(orgId, serverId, email, at) {
      const res = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.endUser(orgId, serverId, emailHash(email)),
          UpdateExpression:
            'SET #type = :type, orgId = :org, serverId = :srv, endUserId = :hash, email = :email, emailHash = :hash, firstSeenAt = if_not_exists(firstSeenAt, :at), lastSeenAt = :at ADD loginCount :one',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'endUser',
            ':org': orgId,
            ':srv': serverId,
            ':email': normalizeEmail(email),
            ':hash': emailHash(email),
            ':at': at.toISOString(),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<EndUserRecord>(res.Attributes ?? {});
    },

    async touch(orgId, serverId, endUserId, at) {
      const threshold = new Date(at.getTime() - END_USER_TOUCH_INTERVAL_MS).toISOString();
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.endUser(orgId, serverId, endUserId),
            UpdateExpression: 'SET lastSeenAt = :at',
            // ISO-8601 UTC strings of one format compare in time order.
            ConditionExpression: 'attribute_exists(pk) AND lastSeenAt < :threshold',
            ExpressionAttributeValues: { ':at': at.toISOString(), ':threshold': threshold },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'touched';
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        return conditionFailureItem(err) ? 'recent' : 'missing';
      }
    },

    get: (orgId, serverId, endUserId) =>
      getItem<EndUserRecord>(ctx, keys.endUser(orgId, serverId, endUserId)),

    async list(orgId, serverId, opts = {}) {
      const { pk, skPrefix } = keys.endUsersOf(orgId, serverId);
      const limit = pageSize(opts.limit);
      const prefix = opts.emailPrefix ? normalizeEmail(opts.emailPrefix) : undefined;
      const items: EndUserRecord[] = [];
      let lastKey: Record<string, unknown> | undefined = opts.cursor
        ? decodeCursor(opts.cursor, 'pk', pk)
        : undefined;
      // DynamoDB applies Limit before the filter: keep reading until the page is full.
      do {
        const input: QueryCommandInput = {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':sk': skPrefix,
            ...(prefix ? { ':prefix': prefix } : {}),
          },
          ...(prefix ? { FilterExpression: 'begins_with(email, :prefix)' } : {}),
          ...(lastKey ? { ExclusiveStartKey: lastKey } : {}),
          Limit: limit - items.length,
          ConsistentRead: true,
        };
        const res = await doc.send(new QueryCommand(input));
        for (const item of res.Items ?? []) items.push(stripKeys<EndUserRecord>(item));
        lastKey = res.LastEvaluatedKey;
      } while (lastKey && items.length < limit);
      return lastKey ? { items, cursor: encodeCursor(lastKey) } : { items };
    },

    async delete(orgId, serverId, endUserId) {
      const res = await doc.send(
        new DeleteCommand({
          TableName: tableName,
          Key: keys.endUser(orgId, serverId, endUserId),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return res.Attributes !== undefined;
    },
  };
}

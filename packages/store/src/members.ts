import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { StoreContext } from './dynamo.js';
import {
  cancellationCodes,
  errorName,
  getItem,
  isTransactionConflict,
  stripKeys,
  withRetry,
} from './dynamo.js';
import { emailHash, normalizeEmail } from './emails.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, type Page, pageSize } from './pagination.js';

/** What an org member may do at the control API. */
export const MEMBER_ROLES = ['admin', 'developer', 'billing'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A member of an organization: someone who signs in to the control API with email codes. */
export interface MemberRecord {
  orgId: string;
  /** emailHash(email): the member's id in keys, tokens (`sub`) and refresh grants. */
  memberId: string;
  /** Normalized address. */
  email: string;
  role: MemberRole;
  /** ISO-8601. */
  createdAt: string;
  /** ISO-8601: last successful sign-in. */
  lastLoginAt?: string;
  /** Successful sign-ins. */
  loginCount: number;
}

/**
 * Org members at `ORG#<orgId>` / `MEMBER#<memberId>`. Every method takes the org id and reads or
 * writes only under it.
 *
 * An org never loses its last admin: the number of `admin` members is kept at `ORG#<orgId>` /
 * `ADMINS` (attribute `admins`), changed in the same TransactWriteItems as every member write that
 * changes it, and a demotion or removal of an admin is conditioned on `admins > 1`. So concurrent
 * demotions or removals of the last admins cannot all pass: exactly the ones that would leave no
 * admin are refused. Each such write is also conditioned on the role the member had when read,
 * and is re-read and retried (a few times) when a concurrent change moved it, so the count stays
 * exact. The counter is new with this release and is not backfilled: in an org whose admins were
 * all added before it existed, the counter is missing and every demotion or removal of an admin
 * is refused (CONFLICT) until admins are added through `add`/`setRole`.
 */
export interface MemberStore {
  /**
   * Adds `email` (any case) as a member with `role`, created at `now`. One conditional put; for
   * an admin, a transaction that also adds 1 to the org's admin count.
   * Throws PorticoError CONFLICT when the address is already a member, VALIDATION_FAILED for an
   * unknown role.
   */
  add(orgId: string, input: { email: string; role: MemberRole; now: Date }): Promise<MemberRecord>;
  /** The member, or undefined. Strongly consistent. */
  get(orgId: string, memberId: string): Promise<MemberRecord | undefined>;
  /**
   * The org's members in key order (by memberId, not by name), `limit` (1..100, default 50) per
   * page. Throws VALIDATION_FAILED on a malformed cursor or one from another org.
   */
  list(orgId: string, opts?: { limit?: number; cursor?: string }): Promise<Page<MemberRecord>>;
  /**
   * Changes the role of an existing member and returns it; undefined when there is no such
   * member; the member unchanged (no write) when it already has `role`. Demoting an admin
   * subtracts 1 from the org's admin count and promoting adds 1, in one transaction with the
   * member write. Throws VALIDATION_FAILED for an unknown role, CONFLICT ("cannot demote the last
   * admin of the organization") when the member is the org's only admin, and CONFLICT when the
   * member kept changing concurrently through every retry.
   */
  setRole(orgId: string, memberId: string, role: MemberRole): Promise<MemberRecord | undefined>;
  /**
   * Deletes the member; true when it existed. Removing an admin subtracts 1 from the org's admin
   * count in the same transaction. Throws CONFLICT ("cannot remove the last admin of the
   * organization") when the member is the org's only admin, and CONFLICT when the member kept
   * changing concurrently through every retry. Its sessions are revoked separately
   * (`refreshTokens.revokeSubject({ orgId, sub: memberId }, ...)`).
   */
  remove(orgId: string, memberId: string): Promise<boolean>;
  /**
   * A successful sign-in at `at`: sets lastLoginAt and adds 1 to loginCount (one UpdateItem, exact
   * under concurrency). Never creates a member: undefined when `memberId` is not one.
   */
  recordLogin(orgId: string, memberId: string, at: Date): Promise<MemberRecord | undefined>;
}

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** A member write found the member changed since it was read: re-read and retry. */
class MemberRace extends Error {}

/** The PorticoError for a member that kept changing through every retry. */
function raceConflict(): PorticoError {
  return new PorticoError('CONFLICT', 'the member is being changed concurrently');
}

function checkRole(role: string): void {
  if (!(MEMBER_ROLES as readonly string[]).includes(role)) {
    throw new PorticoError('VALIDATION_FAILED', `role must be one of ${MEMBER_ROLES.join(', ')}`);
  }
}

export function createMemberStore(ctx: StoreContext): MemberStore {
  const { doc, tableName } = ctx;

  /**
   * The transaction item that adds `delta` to the org's admin count; a decrement is conditioned on
   * `admins > 1` (false when the counter is missing: see MemberStore).
   */
  function adminCountUpdate(orgId: string, delta: 1 | -1) {
    return {
      Update: {
        TableName: tableName,
        Key: keys.adminCount(orgId),
        UpdateExpression: 'ADD admins :delta',
        ...(delta < 0
          ? {
              ConditionExpression: 'admins > :one',
              ExpressionAttributeValues: { ':delta': delta, ':one': 1 },
            }
          : { ExpressionAttributeValues: { ':delta': delta } }),
      },
    };
  }

  /**
   * Runs `attempt` (which reads the member and writes conditioned on the role read) again while it
   * races a concurrent change of the member or a concurrent transaction; CONFLICT when it still
   * does after the last attempt.
   */
  async function guarded<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(
        attempt,
        (err) => err instanceof MemberRace || isTransactionConflict(err),
        8,
      );
    } catch (err) {
      if (err instanceof MemberRace) throw raceConflict();
      throw err;
    }
  }

  /**
   * Sends a transaction of a member write (item 0, conditioned on the role read) and an admin
   * count update (item 1). Throws MemberRace when the member changed, CONFLICT "cannot `change`
   * the last admin" when the count condition failed.
   */
  async function transactWithCount(
    items: TransactItems,
    change: 'remove' | 'demote',
  ): Promise<void> {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const codes = cancellationCodes(err);
      if (codes?.[0] === 'ConditionalCheckFailed') throw new MemberRace();
      if (codes?.[1] === 'ConditionalCheckFailed') {
        throw new PorticoError('CONFLICT', `cannot ${change} the last admin of the organization`);
      }
      throw err;
    }
  }

  /** An UpdateItem on an existing member; undefined when it does not exist. */
  async function updateExisting(
    orgId: string,
    memberId: string,
    update: Pick<
      ConstructorParameters<typeof UpdateCommand>[0],
      'UpdateExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'
    >,
  ): Promise<MemberRecord | undefined> {
    try {
      const res = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.member(orgId, memberId),
          ...update,
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<MemberRecord>(res.Attributes ?? {});
    } catch (err) {
      if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
      return undefined;
    }
  }

  return {
    async add(orgId, { email, role, now }) {
      checkRole(role);
      const record: MemberRecord = {
        orgId,
        memberId: emailHash(email),
        email: normalizeEmail(email),
        role,
        createdAt: now.toISOString(),
        loginCount: 0,
      };
      const put = {
        TableName: tableName,
        Item: { ...keys.member(orgId, record.memberId), type: 'member', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      };
      const exists = () =>
        new PorticoError('CONFLICT', 'this address is already a member of the organization');
      if (role !== 'admin') {
        try {
          await doc.send(new PutCommand(put));
        } catch (err) {
          if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
          throw exists();
        }
        return record;
      }
      try {
        await withRetry(
          () =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: [{ Put: put }, adminCountUpdate(orgId, 1)],
              }),
            ),
          isTransactionConflict,
          8,
        );
      } catch (err) {
        if (cancellationCodes(err)?.[0] !== 'ConditionalCheckFailed') throw err;
        throw exists();
      }
      return record;
    },

    get: (orgId, memberId) => getItem<MemberRecord>(ctx, keys.member(orgId, memberId)),

    async list(orgId, opts = {}) {
      const { pk, skPrefix } = keys.membersOf(orgId);
      const input: QueryCommandInput = {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
        Limit: pageSize(opts.limit),
        ConsistentRead: true,
        ...(opts.cursor ? { ExclusiveStartKey: decodeCursor(opts.cursor, 'pk', pk) } : {}),
      };
      const res = await doc.send(new QueryCommand(input));
      const items = (res.Items ?? []).map((item) => stripKeys<MemberRecord>(item));
      return res.LastEvaluatedKey
        ? { items, cursor: encodeCursor(res.LastEvaluatedKey) }
        : { items };
    },

    async setRole(orgId, memberId, role) {
      checkRole(role);
      return guarded(async () => {
        const current = await getItem<MemberRecord>(ctx, keys.member(orgId, memberId));
        if (!current) return undefined;
        if (current.role === role) return current;
        const update = {
          TableName: tableName,
          Key: keys.member(orgId, memberId),
          UpdateExpression: 'SET #role = :role',
          // Only from the role read, so the admin count moves exactly once per change.
          ConditionExpression: '#role = :old',
          // ROLE is a DynamoDB reserved word.
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':role': role, ':old': current.role },
        };
        if (current.role !== 'admin' && role !== 'admin') {
          try {
            const res = await doc.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
            return stripKeys<MemberRecord>(res.Attributes ?? {});
          } catch (err) {
            if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
            throw new MemberRace();
          }
        }
        await transactWithCount(
          [{ Update: update }, adminCountUpdate(orgId, role === 'admin' ? 1 : -1)],
          'demote',
        );
        return { ...current, role };
      });
    },

    async remove(orgId, memberId) {
      return guarded(async () => {
        const current = await getItem<MemberRecord>(ctx, keys.member(orgId, memberId));
        if (!current) return false;
        const del = {
          TableName: tableName,
          Key: keys.member(orgId, memberId),
          // Only with the role read, so the admin count moves exactly once per change.
          ConditionExpression: '#role = :old',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':old': current.role },
        };
        if (current.role !== 'admin') {
          try {
            await doc.send(new DeleteCommand(del));
          } catch (err) {
            if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
            throw new MemberRace();
          }
          return true;
        }
        await transactWithCount([{ Delete: del }, adminCountUpdate(orgId, -1)], 'remove');
        return true;
      });
    },

    recordLogin: (orgId, memberId, at) =>
      updateExisting(orgId, memberId, {
        UpdateExpression: 'SET lastLoginAt = :at ADD loginCount :one',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':one': 1 },
      }),
  };
}

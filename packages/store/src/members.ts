import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { StoreContext } from './dynamo.js';
import { errorName, getItem, stripKeys } from './dynamo.js';
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
 */
export interface MemberStore {
  /**
   * Adds `email` (any case) as a member with `role`, created at `now`. One conditional put.
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
   * Changes the role of an existing member; undefined when there is no such member. Throws
   * VALIDATION_FAILED for an unknown role.
   */
  setRole(orgId: string, memberId: string, role: MemberRole): Promise<MemberRecord | undefined>;
  /**
   * Deletes the member; true when it existed. Its sessions are revoked separately
   * (`refreshTokens.revokeSubject({ orgId, sub: memberId }, ...)`).
   */
  remove(orgId: string, memberId: string): Promise<boolean>;
  /**
   * A successful sign-in at `at`: sets lastLoginAt and adds 1 to loginCount (one UpdateItem, exact
   * under concurrency). Never creates a member: undefined when `memberId` is not one.
   */
  recordLogin(orgId: string, memberId: string, at: Date): Promise<MemberRecord | undefined>;
}

function checkRole(role: string): void {
  if (!(MEMBER_ROLES as readonly string[]).includes(role)) {
    throw new PorticoError('VALIDATION_FAILED', `role must be one of ${MEMBER_ROLES.join(', ')}`);
  }
}

export function createMemberStore(ctx: StoreContext): MemberStore {
  const { doc, tableName } = ctx;

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
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.member(orgId, record.memberId), type: 'member', ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        throw new PorticoError('CONFLICT', 'this address is already a member of the organization');
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
      return updateExisting(orgId, memberId, {
        // ROLE is a DynamoDB reserved word.
        UpdateExpression: 'SET #role = :role',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role },
      });
    },

    async remove(orgId, memberId) {
      const res = await doc.send(
        new DeleteCommand({
          TableName: tableName,
          Key: keys.member(orgId, memberId),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return res.Attributes !== undefined;
    },

    recordLogin: (orgId, memberId, at) =>
      updateExisting(orgId, memberId, {
        UpdateExpression: 'SET lastLoginAt = :at ADD loginCount :one',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':one': 1 },
      }),
  };
}

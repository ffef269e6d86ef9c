import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { conditionFailureItem, errorName, stripKeys } from './dynamo.js';
import { isEmailHash } from './emails.js';
import { keys } from './keys.js';

/**
 * An OAuth authorization code (RFC 6749 section 4.1.2, OAuth 2.1 section 4.1.2), stored only as
 * the SHA-256 of the code, with everything the token endpoint must check against it. A global
 * item: it names the end user by id only.
 */
export interface AuthCodeRecord {
  /** SHA-256 hex of the code. */
  codeHash: string;
  clientId: string;
  redirectUri: string;
  /** PKCE S256 challenge (RFC 7636 section 4.2). */
  codeChallenge: string;
  /** RFC 8707 resource: the server's canonical MCP URL; becomes the token's `aud`. */
  resource: string;
  orgId: string;
  serverId: string;
  /** The end user's id (`endUserId` = emailHash of the address), never the address. */
  sub: string;
  scope: string;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds (TTL); dead from this second on. */
  expiresAt: number;
  /** ISO-8601; set by the one successful exchange. */
  usedAt?: string;
  /**
   * The refresh family issued from this code, set by the exchange in the same write as `usedAt`,
   * so a replay can revoke it (RFC 6749 section 4.1.2, OAuth 2.1 section 4.1.3).
   */
  familyId?: string;
}

export type AuthCodeInput = Omit<
  AuthCodeRecord,
  'createdAt' | 'expiresAt' | 'usedAt' | 'familyId'
> & {
  now: Date;
  ttlSeconds: number;
};

export type AuthCodeConsumption =
  | { ok: true; record: AuthCodeRecord }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired' | 'used'; record: AuthCodeRecord };

/** Authorization codes at the global `AUTHCODE#<sha256>`; single use by a conditional update. */
export interface AuthCodeStore {
  /** Stores a new code. Throws a plain Error when `sub` is not an id (a bug: never an address). */
  put(input: AuthCodeInput): Promise<AuthCodeRecord>;
  /**
   * Marks the code used and records `familyId` (the refresh family the caller is about to issue),
   * only if it exists, is unused and unexpired at `now`: one conditional write, so of N concurrent
   * exchanges at most one succeeds. A code already used comes back with its record, whose
   * `familyId` names the family to revoke.
   */
  consume(codeHash: string, now: Date, familyId: string): Promise<AuthCodeConsumption>;
}

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export function createAuthCodeStore(ctx: StoreContext): AuthCodeStore {
  const { doc, tableName } = ctx;
  return {
    async put({ now, ttlSeconds, ...rest }) {
      if (!isEmailHash(rest.sub)) throw new Error('authorization code sub must be an end-user id');
      const record: AuthCodeRecord = {
        ...rest,
        createdAt: now.toISOString(),
        expiresAt: epochSeconds(now) + ttlSeconds,
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.authCode(record.codeHash), type: 'authCode', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },

    async consume(codeHash, now, familyId) {
      try {
        const res = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.authCode(codeHash),
            UpdateExpression: 'SET usedAt = :at, familyId = :family',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
            ExpressionAttributeValues: {
              ':at': now.toISOString(),
              ':now': epochSeconds(now),
              ':family': familyId,
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { ok: true, record: stripKeys<AuthCodeRecord>(res.Attributes ?? {}) };
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        const record = conditionFailureItem<AuthCodeRecord>(err);
        if (!record) return { ok: false, reason: 'unknown' };
        return { ok: false, reason: record.usedAt ? 'used' : 'expired', record };
      }
    },
  };
}

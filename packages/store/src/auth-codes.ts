import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { errorName, stripKeys } from './dynamo.js';
import { keys } from './keys.js';

/**
 * An OAuth authorization code (RFC 6749 section 4.1.2, OAuth 2.1 section 4.1.2), stored only as
 * the SHA-256 of the code, with everything the token endpoint must check against it.
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
  /** The end user (normalized email). */
  sub: string;
  scope: string;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds (TTL); dead from this second on. */
  expiresAt: number;
  /** ISO-8601; set by the one successful exchange. */
  usedAt?: string;
}

export type AuthCodeInput = Omit<AuthCodeRecord, 'createdAt' | 'expiresAt' | 'usedAt'> & {
  now: Date;
  ttlSeconds: number;
};

export type AuthCodeConsumption =
  | { ok: true; record: AuthCodeRecord }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** Authorization codes at the global `AUTHCODE#<sha256>`; single use by a conditional update. */
export interface AuthCodeStore {
  put(input: AuthCodeInput): Promise<AuthCodeRecord>;
  /**
   * Marks the code used, only if it exists, is unused and unexpired at `now` (one conditional
   * write, so of N concurrent exchanges at most one succeeds), and returns it.
   */
  consume(codeHash: string, now: Date): Promise<AuthCodeConsumption>;
}

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export function createAuthCodeStore(ctx: StoreContext): AuthCodeStore {
  const { doc, tableName } = ctx;
  return {
    async put({ now, ttlSeconds, ...rest }) {
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

    async consume(codeHash, now) {
      try {
        const res = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.authCode(codeHash),
            UpdateExpression: 'SET usedAt = :at',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
            ExpressionAttributeValues: { ':at': now.toISOString(), ':now': epochSeconds(now) },
            ReturnValues: 'ALL_OLD',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { ok: true, record: stripKeys<AuthCodeRecord>(res.Attributes ?? {}) };
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        const item = (err as { Item?: Record<string, unknown> }).Item;
        if (!item) return { ok: false, reason: 'unknown' };
        return { ok: false, reason: item.usedAt ? 'used' : 'expired' };
      }
    },
  };
}

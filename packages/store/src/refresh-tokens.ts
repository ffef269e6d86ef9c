import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { errorName, stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';

/**
 * One opaque refresh token (OAuth 2.1 section 4.3), stored only as its SHA-256. Tokens of one
 * sign-in form a family; the family item names the one current token, so rotation is one
 * conditional write and presenting any other member of the family is reuse (OAuth 2.1 section
 * 4.3.1, RFC 9700 section 4.14.2).
 */
export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  clientId: string;
  /** RFC 8707 resource the family is bound to (the access tokens' `aud`). */
  resource: string;
  orgId: string;
  serverId: string;
  /** The end user (normalized email). */
  sub: string;
  scope: string;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds (TTL). */
  expiresAt: number;
}

export interface RefreshFamilyRecord {
  familyId: string;
  orgId: string;
  serverId: string;
  clientId: string;
  /** Hash of the only token of the family that may be used. */
  currentHash: string;
  /** ISO-8601; set when the family is revoked (reuse, RFC 7009 revocation, or deletion). */
  revokedAt?: string;
  revokedReason?: string;
  /** Epoch seconds (TTL): the latest token's expiry. */
  expiresAt: number;
}

export type RefreshTokenGrant = Omit<RefreshTokenRecord, 'familyId' | 'createdAt' | 'expiresAt'>;

/** What `use` found: the token is current (now rotated), or why not. */
export type RefreshUse =
  | { ok: true; record: RefreshTokenRecord; next: RefreshTokenRecord }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked'; record?: RefreshTokenRecord }
  | { ok: false; reason: 'reused'; record: RefreshTokenRecord };

export interface RefreshTokenStore {
  /** Starts a family with its first token. */
  issue(
    grant: RefreshTokenGrant,
    opts: { now: Date; ttlSeconds: number },
  ): Promise<RefreshTokenRecord>;
  /** The token by hash (expired ones included), or undefined. */
  get(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Rotation: when `tokenHash` is its family's current, unexpired token and the family is not
   * revoked, makes `nextHash` current (conditional on the old one still being current) and
   * returns both. A token that is no longer current is `reused`: the caller revokes the family.
   */
  use(
    tokenHash: string,
    nextHash: string,
    opts: { now: Date; ttlSeconds: number },
  ): Promise<RefreshUse>;
  /** Revokes the whole family (idempotent). */
  revokeFamily(familyId: string, opts: { now: Date; reason: string }): Promise<void>;
  getFamily(familyId: string): Promise<RefreshFamilyRecord | undefined>;
}

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export function createRefreshTokenStore(ctx: StoreContext): RefreshTokenStore {
  const { doc, tableName } = ctx;
  const putToken = async (record: RefreshTokenRecord): Promise<void> => {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.refreshToken(record.tokenHash), type: 'refreshToken', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
  const get = async (tokenHash: string): Promise<RefreshTokenRecord | undefined> => {
    const res = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.refreshToken(tokenHash),
        ConsistentRead: true,
      }),
    );
    return res.Item ? stripKeys<RefreshTokenRecord>(res.Item) : undefined;
  };
  const getFamily = async (familyId: string): Promise<RefreshFamilyRecord | undefined> => {
    const res = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.refreshFamily(familyId),
        ConsistentRead: true,
      }),
    );
    return res.Item ? stripKeys<RefreshFamilyRecord>(res.Item) : undefined;
  };

  return {
    get,
    getFamily,

    async issue(grant, { now, ttlSeconds }) {
      const record: RefreshTokenRecord = {
        ...grant,
        familyId: newId('refreshFamily', now.getTime()),
        createdAt: now.toISOString(),
        expiresAt: epochSeconds(now) + ttlSeconds,
      };
      await putToken(record);
      const family: RefreshFamilyRecord = {
        familyId: record.familyId,
        orgId: grant.orgId,
        serverId: grant.serverId,
        clientId: grant.clientId,
        currentHash: record.tokenHash,
        expiresAt: record.expiresAt,
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.refreshFamily(family.familyId), type: 'refreshFamily', ...family },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },

    async use(tokenHash, nextHash, { now, ttlSeconds }) {
      const record = await get(tokenHash);
      if (!record) return { ok: false, reason: 'unknown' };
      const family = await getFamily(record.familyId);
      if (!family || family.revokedAt) return { ok: false, reason: 'revoked', record };
      if (family.currentHash !== tokenHash) return { ok: false, reason: 'reused', record };
      if (record.expiresAt <= epochSeconds(now)) return { ok: false, reason: 'expired', record };
      const next: RefreshTokenRecord = {
        ...record,
        tokenHash: nextHash,
        createdAt: now.toISOString(),
        expiresAt: epochSeconds(now) + ttlSeconds,
      };
      // The new token is written first: unusable until the family names it current.
      await putToken(next);
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.refreshFamily(record.familyId),
            UpdateExpression: 'SET currentHash = :next, expiresAt = :exp',
            ConditionExpression: 'currentHash = :old AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: {
              ':next': nextHash,
              ':old': tokenHash,
              ':exp': next.expiresAt,
            },
          }),
        );
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        // A concurrent use rotated (or revoked) the family first: this presentation is reuse.
        return { ok: false, reason: 'reused', record };
      }
      return { ok: true, record, next };
    },

    async revokeFamily(familyId, { now, reason }) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.refreshFamily(familyId),
            UpdateExpression: 'SET revokedAt = :at, revokedReason = :reason',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': now.toISOString(), ':reason': reason },
          }),
        );
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
      }
    },
  };
}

import {
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, errorName, getItem, queryAll } from './dynamo.js';
import { isEmailHash } from './emails.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import type {
  RefreshFamilyRecord,
  RefreshLifetimes,
  RefreshTokenGrant,
  RefreshTokenRecord,
  RefreshUse,
} from './refresh-records.js';

export interface RefreshTokenStore {
  /**
   * Starts a family with its first token, and writes the subject's tenant-side grant index item
   * (`GRANT#<sub>#<familyId>` under the server's or, for members, the org's partition, expiring
   * with the family) in the same transaction. `familyId` may be chosen by the caller (the token
   * endpoint writes it onto the authorization code first); default a fresh `rtf_` id.
   * Throws PorticoError CONFLICT when that family already exists (it was revoked in advance, see
   * revokeFamily), and a plain Error when `sub` is not an id (a bug: never an address).
   */
  issue(
    grant: RefreshTokenGrant,
    opts: RefreshLifetimes & { maxLifetimeSeconds: number; familyId?: string },
  ): Promise<RefreshTokenRecord>;
  /** The token by hash (expired ones included), or undefined. */
  get(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Rotation: when `tokenHash` is its family's current, unexpired token and the family is neither
   * revoked nor past its max lifetime, makes `nextHash` current (conditional on the old one still
   * being current) and returns both. A token that is no longer current is `reused`: the caller
   * revokes the family.
   */
  use(tokenHash: string, nextHash: string, opts: RefreshLifetimes): Promise<RefreshUse>;
  /**
   * Revokes the family; true when this call revoked it (false: it already was). A family that
   * does not exist yet is left as a revoked tombstone (kept a day), so a family issued later under
   * that id fails with CONFLICT: how a replayed authorization code beats its first exchange.
   */
  revokeFamily(familyId: string, opts: { now: Date; reason: string }): Promise<boolean>;
  getFamily(familyId: string): Promise<RefreshFamilyRecord | undefined>;
  /**
   * Revokes every live family of one subject: a member's sessions (`serverId` absent) or an end
   * user's grants at one server, found through the grant index items (which it then deletes).
   * Returns how many families this call revoked. A family being issued at the same moment may
   * escape; its access tokens live at most 15 minutes either way.
   */
  revokeSubject(
    subject: { orgId: string; serverId?: string; sub: string },
    opts: { now: Date; reason: string },
  ): Promise<number>;
}

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
/** How long a tombstone of a family revoked before issue is kept, seconds. */
const TOMBSTONE_SECONDS = 24 * 60 * 60;

export function createRefreshTokenStore(ctx: StoreContext): RefreshTokenStore {
  const { doc, tableName } = ctx;
  const get = (tokenHash: string) => getItem<RefreshTokenRecord>(ctx, keys.refreshToken(tokenHash));
  const getFamily = (familyId: string) =>
    getItem<RefreshFamilyRecord>(ctx, keys.refreshFamily(familyId));

  /** One conditional revocation; `live` requires an existing, unexpired family. */
  async function revoke(
    familyId: string,
    { now, reason }: { now: Date; reason: string },
    live: boolean,
  ): Promise<boolean> {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.refreshFamily(familyId),
          UpdateExpression:
            'SET familyId = :id, revokedAt = :at, revokedReason = :reason, expiresAt = if_not_exists(expiresAt, :tomb)',
          ConditionExpression: live
            ? 'attribute_exists(currentHash) AND attribute_not_exists(revokedAt) AND expiresAt > :now'
            : 'attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: {
            ':id': familyId,
            ':at': now.toISOString(),
            ':reason': reason,
            ':tomb': epochSeconds(now) + TOMBSTONE_SECONDS,
            ...(live ? { ':now': epochSeconds(now) } : {}),
          },
        }),
      );
      return true;
    } catch (err) {
      if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
      return false;
    }
  }

  return {
    get,
    getFamily,

    async issue(grant, { now, ttlSeconds, maxLifetimeSeconds, familyId }) {
      if (!isEmailHash(grant.sub)) throw new Error('refresh grant sub must be a subject id');
      const maxExpiresAt = epochSeconds(now) + maxLifetimeSeconds;
      const record: RefreshTokenRecord = {
        ...grant,
        familyId: familyId ?? newId('refreshFamily', now.getTime()),
        createdAt: now.toISOString(),
        expiresAt: Math.min(epochSeconds(now) + ttlSeconds, maxExpiresAt),
      };
      const serverId = grant.kind === 'enduser' ? grant.serverId : undefined;
      const family: RefreshFamilyRecord = {
        familyId: record.familyId,
        kind: grant.kind,
        orgId: grant.orgId,
        ...(grant.kind === 'enduser' ? { serverId: grant.serverId, clientId: grant.clientId } : {}),
        sub: grant.sub,
        currentHash: record.tokenHash,
        expiresAt: record.expiresAt,
        maxExpiresAt,
      };
      const index = {
        ...keys.grant(grant.orgId, serverId, grant.sub, record.familyId),
        type: 'grant',
        familyId: record.familyId,
        kind: grant.kind,
        orgId: grant.orgId,
        ...(serverId ? { serverId } : {}),
        sub: grant.sub,
        createdAt: record.createdAt,
        expiresAt: maxExpiresAt,
      };
      const put = (Item: Record<string, unknown>) => ({
        Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
      });
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              put({ ...keys.refreshToken(record.tokenHash), type: 'refreshToken', ...record }),
              put({ ...keys.refreshFamily(family.familyId), type: 'refreshFamily', ...family }),
              put(index),
            ],
          }),
        );
      } catch (err) {
        if (!cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw err;
        throw new PorticoError('CONFLICT', 'refresh family already exists or was revoked');
      }
      return record;
    },

    async use(tokenHash, nextHash, { now, ttlSeconds }) {
      const record = await get(tokenHash);
      if (!record) return { ok: false, reason: 'unknown' };
      const family = await getFamily(record.familyId);
      if (!family || family.revokedAt) return { ok: false, reason: 'revoked', record };
      if (family.currentHash !== tokenHash) return { ok: false, reason: 'reused', record };
      const nowSec = epochSeconds(now);
      if (record.expiresAt <= nowSec || family.maxExpiresAt <= nowSec) {
        return { ok: false, reason: 'expired', record };
      }
      const next: RefreshTokenRecord = {
        ...record,
        tokenHash: nextHash,
        createdAt: now.toISOString(),
        expiresAt: Math.min(nowSec + ttlSeconds, family.maxExpiresAt),
      };
      // The new token is written first: unusable until the family names it current.
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.refreshToken(next.tokenHash), type: 'refreshToken', ...next },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
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

    revokeFamily: (familyId, opts) => revoke(familyId, opts, false),

    async revokeSubject({ orgId, serverId, sub }, opts) {
      let revoked = 0;
      for (const item of await queryAll(ctx, keys.grantsOf(orgId, serverId, sub))) {
        if (await revoke(String(item.familyId), opts, true)) revoked++;
        await doc.send(
          new DeleteCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }),
        );
      }
      return revoked;
    },
  };
}

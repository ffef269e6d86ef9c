import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import {
  type BlobKind,
  type ChunkItem,
  chunkTransactItems,
  deleteChunks,
  fitsOneTransaction,
  putChunks,
  type TransactItems,
} from './chunks.js';
import type { StoreContext } from './dynamo.js';
import {
  cancellationCodes,
  getItem,
  isTransactionConflict,
  queryAll,
  stripKeys,
  withRetry,
} from './dynamo.js';
import { type ItemKey, keys } from './keys.js';
import {
  counterItem,
  readUsage,
  type StorageLimits,
  type StorageUsage,
  uncountedBytes,
  type VersionBlobs,
  versionStoredBytes,
} from './storage.js';
import type { ServerRecord, SpecVersionRecord } from './types.js';

/** At most this many versions are pruned by one upload (a lowered cap converges over uploads). */
export const MAX_PRUNED_PER_UPLOAD = 10;
/** Final items besides the pruned versions: server record, counter, version record. */
const FIXED_FINAL_ITEMS = 3;

/** The version item as stored: the public record plus where its blobs are. */
export type StoredVersion = SpecVersionRecord & { blobs: VersionBlobs };

/** Thrown inside the retry loop when another writer changed what the plan read. */
class WriteRace extends Error {}

/** What one attempt read: the server's write sequence, the versions to prune, the org's usage. */
interface Plan {
  writes: number;
  prune: StoredVersion[];
  usage: StorageUsage;
  delta: number;
}

/** The version to write: its item and its chunk items. */
export interface VersionWrite {
  stored: StoredVersion;
  chunks: ChunkItem[];
}

function storageLimitError(usage: number, needed: number, limits: StorageLimits): PorticoError {
  return new PorticoError(
    'STORAGE_LIMIT',
    `the organization's spec versions would take ${usage + needed} stored bytes, over its limit of ${limits.maxStoredBytesPerOrg}; nothing was stored`,
    { limitBytes: limits.maxStoredBytesPerOrg, storedBytes: usage, versionBytes: needed },
  );
}

function chunkKeysOf(orgId: string, serverId: string, version: StoredVersion): ItemKey[] {
  const out: ItemKey[] = [];
  for (const blob of ['document', 'manifest', 'report'] as BlobKind[]) {
    for (let i = 0; i < version.blobs[blob].chunks; i++) {
      out.push(keys.chunk(orgId, serverId, version.versionId, blob, i));
    }
  }
  return out;
}

/**
 * Writes a new spec version under the storage limits, in one transaction with everything it
 * changes: the version record, the deletion of the oldest inactive versions beyond
 * `maxVersionsPerServer`, the org's stored-bytes counter (moved by the new version's bytes minus
 * the pruned ones', conditioned on the cap) and the server record's `versionWrites` sequence
 * (conditioned on the value read, so concurrent uploads to one server cannot both skip pruning,
 * and on the active version not being one of those pruned, so an activation racing the prune
 * either commits first and is seen, or finds its version gone: the active one is never deleted).
 * Chunks go in the same transaction when they fit, else ahead of it (deleted again if it fails);
 * chunks of pruned versions are deleted after it. Returns the pruned version ids, oldest first.
 * Errors: PorticoError NOT_FOUND (server), STORAGE_LIMIT (nothing stored; details
 * `{limitBytes, storedBytes, versionBytes}`), CONFLICT (still racing after retries).
 */
export async function writeVersion(
  ctx: StoreContext,
  orgId: string,
  serverId: string,
  write: VersionWrite,
  limits: StorageLimits,
): Promise<string[]> {
  const { doc, tableName } = ctx;
  const { stored } = write;
  const added = versionStoredBytes(stored.blobs);

  async function plan(): Promise<Plan> {
    const server = await getItem<ServerRecord & { versionWrites?: number }>(
      ctx,
      keys.server(orgId, serverId),
    );
    if (!server) throw new PorticoError('NOT_FOUND', 'server not found');
    const versions = (await queryAll(ctx, keys.versionsOf(orgId, serverId))).map((item) =>
      stripKeys<StoredVersion>(item),
    );
    const excess = versions.length + 1 - Math.max(2, limits.maxVersionsPerServer);
    const prune =
      excess > 0
        ? versions
            .filter((v) => v.versionId !== server.activeVersionId)
            .slice(0, Math.min(excess, MAX_PRUNED_PER_UPLOAD))
        : [];
    let usage = await readUsage(ctx, orgId);
    if (!usage.counted) usage = { storedBytes: await uncountedBytes(ctx, orgId), counted: false };
    const delta = added - prune.reduce((n, v) => n + versionStoredBytes(v.blobs), 0);
    if (delta > 0 && usage.storedBytes + delta > limits.maxStoredBytesPerOrg) {
      throw storageLimitError(usage.storedBytes, added, limits);
    }
    return { writes: server.versionWrites ?? 0, prune, usage, delta };
  }

  function finalItems(p: Plan): TransactItems {
    const values: Record<string, unknown> = { ':next': p.writes + 1 };
    let condition = 'attribute_exists(pk) AND ';
    if (p.writes === 0) condition += 'attribute_not_exists(versionWrites)';
    else {
      condition += 'versionWrites = :prev';
      values[':prev'] = p.writes;
    }
    if (p.prune.length > 0) {
      const names = p.prune.map((v, i) => {
        values[`:p${i}`] = v.versionId;
        return `:p${i}`;
      });
      condition += ` AND (attribute_not_exists(activeVersionId) OR NOT activeVersionId IN (${names.join(', ')}))`;
    }
    return [
      {
        Update: {
          TableName: tableName,
          Key: keys.server(orgId, serverId),
          UpdateExpression: 'SET versionWrites = :next',
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        },
      },
      counterItem(tableName, orgId, p.usage, p.delta, limits.maxStoredBytesPerOrg),
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.version(orgId, serverId, stored.versionId), type: 'version', ...stored },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...p.prune.map((v) => ({
        Delete: {
          TableName: tableName,
          Key: keys.version(orgId, serverId, v.versionId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      })),
    ];
  }

  const inline = fitsOneTransaction(write.chunks, FIXED_FINAL_ITEMS + MAX_PRUNED_PER_UPLOAD);
  let first: Plan | undefined = await plan();
  let chunksAhead = false;

  async function attempt(): Promise<Plan> {
    const p = first ?? (await plan());
    first = undefined;
    const final = finalItems(p);
    const items = inline ? [...chunkTransactItems(tableName, write.chunks), ...final] : final;
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const codes = cancellationCodes(err);
      if (!codes) throw err;
      const at = codes.length - final.length;
      const failed = (i: number): boolean => codes[at + i] === 'ConditionalCheckFailed';
      if (failed(1) && p.usage.counted && p.delta > 0) {
        const now = await readUsage(ctx, orgId);
        throw storageLimitError(now.storedBytes, added, limits);
      }
      if (failed(2)) throw new Error(`version ${stored.versionId} exists already`);
      if (codes.some((c) => c === 'ConditionalCheckFailed')) throw new WriteRace();
      throw err;
    }
    return p;
  }

  let done: Plan;
  try {
    if (!inline) {
      chunksAhead = true;
      await putChunks(doc, tableName, write.chunks);
    }
    done = await withRetry(
      attempt,
      (err) => err instanceof WriteRace || isTransactionConflict(err),
      12,
    );
  } catch (err) {
    if (chunksAhead) {
      await deleteChunks(
        doc,
        tableName,
        write.chunks.map((c) => c.key),
      ).catch(() => undefined);
    }
    if (err instanceof WriteRace || isTransactionConflict(err)) {
      throw new PorticoError('CONFLICT', 'the server is receiving other versions concurrently');
    }
    throw err;
  }
  const prunedKeys = done.prune.flatMap((v) => chunkKeysOf(orgId, serverId, v));
  // The pruned versions are gone with the transaction; their chunks are unreferenced garbage
  // from then on, so a failure here costs space (uncounted), never correctness.
  await deleteChunks(doc, tableName, prunedKeys).catch(() => undefined);
  return done.prune.map((v) => v.versionId);
}

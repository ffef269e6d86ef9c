import type { BlobDescriptor, BlobKind, TransactItems } from './chunks.js';
import type { StoreContext } from './dynamo.js';
import { getItem, queryAll } from './dynamo.js';
import { keys } from './keys.js';

/**
 * What an org may store of spec versions. Bytes are stored bytes: the brotli-compressed
 * document, tool manifest and conversion report of each version (chunks.ts), the size DynamoDB
 * holds; GitHub's 13 MB description stores as about 0.8 MB.
 */
export interface StorageLimits {
  /**
   * Versions kept per server, at least 2. Uploading one more prunes the oldest inactive ones;
   * the active version is never pruned.
   */
  maxVersionsPerServer: number;
  /** Stored bytes of all spec versions of an org, over all its servers. */
  maxStoredBytesPerOrg: number;
}

/**
 * Defaults sized for real use: 20 versions of history per server; 256 MiB per org holds
 * about 300 versions of GitHub's document (the largest public description we know) and
 * thousands of typical ones.
 */
export const DEFAULT_STORAGE_LIMITS: StorageLimits = {
  maxVersionsPerServer: 20,
  maxStoredBytesPerOrg: 256 * 1024 * 1024,
};

/** An org's stored bytes as its counter item holds them. */
export interface StorageUsage {
  /** Stored bytes of the org's spec versions. */
  storedBytes: number;
  /** False until the first version write under accounting creates the counter. */
  counted: boolean;
}

/** The version item's blob descriptors, as stored (specs.ts). */
export type VersionBlobs = Record<BlobKind, BlobDescriptor>;

/** Stored bytes of one version: its three compressed blobs. */
export function versionStoredBytes(blobs: VersionBlobs): number {
  return blobs.document.storedBytes + blobs.manifest.storedBytes + blobs.report.storedBytes;
}

/**
 * The org's counter (`ORG#<orgId>` / `STORAGE`, attribute `storedBytes`), strongly consistent.
 * Every version write and prune moves it in the same transaction, so it is exact.
 */
export async function readUsage(ctx: StoreContext, orgId: string): Promise<StorageUsage> {
  const item = await getItem<{ storedBytes?: number }>(ctx, keys.storage(orgId));
  return item
    ? { storedBytes: item.storedBytes ?? 0, counted: true }
    : { storedBytes: 0, counted: false };
}

/**
 * Stored bytes of versions written before accounting existed (no counter yet): the sum over every
 * server's versions. Exact when the counter is then created with `attribute_not_exists`: every
 * later version write goes through the counter, so a concurrent one makes that create fail.
 */
export async function uncountedBytes(ctx: StoreContext, orgId: string): Promise<number> {
  let total = 0;
  const servers = await queryAll(ctx, keys.serversOf(orgId));
  for (const server of servers) {
    const versions = await queryAll(ctx, keys.versionsOf(orgId, String(server.serverId)));
    for (const v of versions) total += versionStoredBytes(v.blobs as VersionBlobs);
  }
  return total;
}

/**
 * The transaction item that moves the counter by `delta` bytes. Growth is conditioned on the
 * cap, evaluated by DynamoDB at commit (`storedBytes <= max - delta`), so concurrent uploads can
 * never pass it together; a failed condition means the org is full (or, for a first write, that
 * another writer created the counter: retry). `usage` is what the caller read.
 */
export function counterItem(
  tableName: string,
  orgId: string,
  usage: StorageUsage,
  delta: number,
  maxBytes: number,
): TransactItems[number] {
  if (!usage.counted) {
    return {
      Put: {
        TableName: tableName,
        Item: { ...keys.storage(orgId), type: 'storage', storedBytes: usage.storedBytes + delta },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.storage(orgId),
      UpdateExpression: 'SET storedBytes = storedBytes + :delta',
      ConditionExpression:
        delta > 0 ? 'attribute_exists(pk) AND storedBytes <= :ceiling' : 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':delta': delta,
        ...(delta > 0 ? { ':ceiling': maxBytes - delta } : {}),
      },
    },
  };
}

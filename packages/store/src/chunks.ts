import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlib } from 'node:zlib';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { BlobKind, ItemKey } from './keys.js';

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

/** Bytes of compressed data per chunk item; the item limit is 400 KB including names. */
export const CHUNK_BYTES = 300 * 1024;
/** TransactWriteItems limits (DynamoDB): 100 items and 4 MB; we keep a margin for overhead. */
const TRANSACTION_MAX_ITEMS = 100;
const TRANSACTION_MAX_BYTES = 3_500_000;
const BATCH_WRITE_ITEMS = 25;
const BATCH_GET_KEYS = 100;

/** How a blob is stored: brotli-compressed, split into `chunks` items. Sizes in bytes. */
export interface BlobDescriptor {
  encoding: 'br';
  chunks: number;
  /** Size before compression. */
  bytes: number;
  /** Size after compression (sum of chunk sizes). */
  storedBytes: number;
}

/** A blob compressed and cut into chunk payloads. */
export interface PackedBlob {
  descriptor: BlobDescriptor;
  parts: Uint8Array[];
}

/** Brotli-compresses `data` (quality 5: fast, ~10x on JSON) and cuts it into CHUNK_BYTES parts. */
export async function packBlob(data: Uint8Array): Promise<PackedBlob> {
  const packed = await compress(data, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 5,
      [zlib.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
    },
  });
  const parts: Uint8Array[] = [];
  for (let at = 0; at < packed.byteLength; at += CHUNK_BYTES) {
    parts.push(packed.subarray(at, at + CHUNK_BYTES));
  }
  if (parts.length === 0) parts.push(new Uint8Array(0));
  return {
    descriptor: {
      encoding: 'br',
      chunks: parts.length,
      bytes: data.byteLength,
      storedBytes: packed.byteLength,
    },
    parts,
  };
}

/** A chunk item to write: its key and payload. */
export interface ChunkItem {
  key: ItemKey;
  data: Uint8Array;
}

/** Chunk items of one blob; `keyOf(i)` builds the key of part i (from keys.ts). */
export function chunkItems(blob: PackedBlob, keyOf: (index: number) => ItemKey): ChunkItem[] {
  return blob.parts.map((data, i) => ({ key: keyOf(i), data }));
}

/** The items of a TransactWriteItems call. */
export type TransactItems = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>;

/** Chunk items as table items (`type: 'chunk'`, `data`: the compressed part). */
function chunkPuts(chunks: readonly ChunkItem[]): Record<string, unknown>[] {
  return chunks.map((c) => ({ ...c.key, type: 'chunk', data: c.data }));
}

/**
 * Whether `chunks` and `finalCount` more items fit one TransactWriteItems (<= 100 items,
 * ~3.5 MB of chunk data). When they do, {@link chunkTransactItems} puts them in that transaction.
 */
export function fitsOneTransaction(chunks: readonly ChunkItem[], finalCount: number): boolean {
  const chunkBytes = chunks.reduce((n, c) => n + c.data.byteLength + 200, 0);
  return chunks.length + finalCount <= TRANSACTION_MAX_ITEMS && chunkBytes <= TRANSACTION_MAX_BYTES;
}

/** The chunk puts as transaction items (to precede the final items in one transaction). */
export function chunkTransactItems(tableName: string, chunks: readonly ChunkItem[]): TransactItems {
  return chunkPuts(chunks).map((Item) => ({ Put: { TableName: tableName, Item } }));
}

/** Runs BatchWriteItem over `requests` (25 per call), retrying unprocessed items with backoff. */
async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: Record<string, unknown>[],
): Promise<void> {
  for (let at = 0; at < requests.length; at += BATCH_WRITE_ITEMS) {
    let pending = requests.slice(at, at + BATCH_WRITE_ITEMS);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error('BatchWriteItem kept returning unprocessed items');
      if (attempt > 0) await sleep(50 * 2 ** Math.min(attempt, 6) * Math.random());
      const res = await doc.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
      );
      pending = (res.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  }
}

/**
 * Writes chunk items ahead of the transaction that makes them visible (for blobs too big for
 * one transaction). If that transaction fails or the process dies in between, the chunks are
 * unreferenced garbage: readers only reach chunks through a version record.
 */
export async function putChunks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  chunks: readonly ChunkItem[],
): Promise<void> {
  await batchWrite(
    doc,
    tableName,
    chunkPuts(chunks).map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Deletes chunk items (unreferenced ones: of a pruned version, or of a failed write). */
export async function deleteChunks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  chunkKeys: readonly ItemKey[],
): Promise<void> {
  await batchWrite(
    doc,
    tableName,
    chunkKeys.map((Key) => ({ DeleteRequest: { Key } })),
  );
}

/**
 * Reads the chunks of a blob (BatchGetItem, strongly consistent, unprocessed keys retried) and
 * decompresses them. Throws a plain Error if a chunk is missing (a store bug or manual deletion).
 */
export async function readBlob(
  doc: DynamoDBDocumentClient,
  tableName: string,
  descriptor: BlobDescriptor,
  keyOf: (index: number) => ItemKey,
): Promise<Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  const all = Array.from({ length: descriptor.chunks }, (_, i) => keyOf(i));
  for (let at = 0; at < all.length; at += BATCH_GET_KEYS) {
    let pending: ItemKey[] = all.slice(at, at + BATCH_GET_KEYS);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error('BatchGetItem kept returning unprocessed chunk keys');
      if (attempt > 0) await sleep(50 * 2 ** Math.min(attempt, 6) * Math.random());
      const res = await doc.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of res.Responses?.[tableName] ?? []) {
        parts.set(item.sk as string, item.data as Uint8Array);
      }
      pending = (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  const ordered = all.map((k) => {
    const part = parts.get(k.sk);
    if (!part) throw new Error(`chunk ${k.sk} is missing`);
    return part;
  });
  const joined = Buffer.concat(ordered);
  const out = await decompress(joined);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export type { BlobKind };

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ItemKey } from './keys.js';

/** What every entity module receives: the document client, the table name and the KEK. */
export interface StoreContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
  kek: Buffer;
}

/** The DynamoDB error name, if `err` is one. */
export function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/**
 * Cancellation reason codes of a TransactWriteItems failure, one per item in order
 * (`None`, `ConditionalCheckFailed`, `TransactionConflict`, ...), or undefined if `err` is not a
 * transaction cancellation.
 */
export function cancellationCodes(err: unknown): (string | undefined)[] | undefined {
  if (errorName(err) !== 'TransactionCanceledException') return undefined;
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((r) => r.Code);
}

/** Runs `fn`, retrying up to `attempts` times with jittered backoff while `retry(err)` holds. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  retry: (err: unknown) => boolean,
  attempts = 5,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !retry(err)) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** i * Math.random()));
    }
  }
}

/** True if a transaction was cancelled only because of concurrent transactions (retryable). */
export function isTransactionConflict(err: unknown): boolean {
  const codes = cancellationCodes(err);
  if (!codes) return errorName(err) === 'TransactionConflictException';
  return (
    codes.includes('TransactionConflict') &&
    !codes.includes('ConditionalCheckFailed') &&
    codes.every((c) => c === undefined || c === 'None' || c === 'TransactionConflict')
  );
}

/** Strips the table's key and bookkeeping attributes from an item. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _gs, ...rest } = item;
  return rest as T;
}

/**
 * The item at `key`, read with strong consistency (every read that decides something is), with
 * the table's key and bookkeeping attributes stripped; undefined when there is none.
 */
export async function getItem<T>(
  ctx: Pick<StoreContext, 'doc' | 'tableName'>,
  key: ItemKey,
): Promise<T | undefined> {
  const res = await ctx.doc.send(
    new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }),
  );
  return res.Item ? stripKeys<T>(res.Item) : undefined;
}

/**
 * The item a failed conditional write sent back (`ReturnValuesOnConditionCheckFailure:
 * 'ALL_OLD'`), stripped of keys; undefined when the item did not exist. The document client does
 * not unmarshall errors, so this does.
 */
export function conditionFailureItem<T>(err: unknown): T | undefined {
  const item = (err as { Item?: Record<string, AttributeValue> }).Item;
  return item ? stripKeys<T>(unmarshall(item)) : undefined;
}

/**
 * Every item of partition `pk` whose sort key begins with `skPrefix`, in key order, read with strong
 * consistency page by page (for the small per-org collections: keys, servers, versions, clients,
 * grants). Items are returned as stored, keys included.
 */
export async function queryAll(
  ctx: Pick<StoreContext, 'doc' | 'tableName'>,
  { pk, skPrefix }: { pk: string; skPrefix: string },
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: ctx.doc },
    {
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) out.push(...(page.Items ?? []));
  return out;
}

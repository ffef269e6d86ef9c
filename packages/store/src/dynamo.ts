import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

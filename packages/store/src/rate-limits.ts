import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { errorName } from './dynamo.js';
import { keys } from './keys.js';

/** The answer of RateLimitStore.take. `retryAfterMs` is 0 when allowed. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Hits inside the window, this one included when allowed (at most `limit`). */
  used: number;
  /** Milliseconds until the oldest hit leaves the window (0 when allowed). */
  retryAfterMs: number;
}

/**
 * Sliding-window rate limits counted in DynamoDB, so they hold across replicas.
 *
 * A bucket of limit N has N slot items, each holding the time (epoch ms) of the hit that last
 * claimed it. A hit claims a slot whose time is outside the window with a conditional put
 * (`at <= now - window`), so each slot serves at most one hit per window and any window holds at
 * most N hits: exact, not the 2N burst of fixed windows at a boundary. Concurrent hits race for
 * slots through the condition; the losers try the next free slot, so N parallel hits on an empty
 * bucket all pass and the N+1th is refused. Slots expire through the TTL attribute.
 *
 * Buckets are global (not tenant data): callers name them (`email:<hash>`, `ip:<address>`) and the
 * key holds only the SHA-256 of the name.
 */
export interface RateLimitStore {
  /** Counts one hit on `bucket` if fewer than `limit` hits fall in the last `windowMs` before `now`. */
  take(
    bucket: string,
    opts: { limit: number; windowMs: number; now: Date },
  ): Promise<RateLimitDecision>;
}

interface Slot {
  index: number;
  at: number;
}

export function createRateLimitStore(ctx: StoreContext): RateLimitStore {
  const { doc, tableName } = ctx;
  return {
    async take(bucket, { limit, windowMs, now }) {
      const hash = createHash('sha256').update(bucket).digest('base64url');
      const nowMs = now.getTime();
      const cutoff = nowMs - windowMs;
      const { pk, skPrefix } = keys.rateSlotsOf(hash);
      const res = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
          ConsistentRead: true,
        }),
      );
      const slots = new Map<number, Slot>();
      for (const item of res.Items ?? []) {
        const slot = { index: item.slot as number, at: item.at as number };
        if (slot.index < limit) slots.set(slot.index, slot);
      }
      const busy = (i: number): boolean => (slots.get(i)?.at ?? -Infinity) > cutoff;
      for (let i = 0; i < limit; i++) {
        if (busy(i)) continue;
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...keys.rateSlot(hash, i),
                type: 'rateSlot',
                slot: i,
                at: nowMs,
                expiresAt: Math.ceil((nowMs + windowMs) / 1000),
              },
              ConditionExpression: 'attribute_not_exists(pk) OR #at <= :cutoff',
              ExpressionAttributeNames: { '#at': 'at' },
              ExpressionAttributeValues: { ':cutoff': cutoff },
            }),
          );
          slots.set(i, { index: i, at: nowMs });
          let used = 0;
          for (let j = 0; j < limit; j++) if (busy(j)) used++;
          return { allowed: true, used, retryAfterMs: 0 };
        } catch (err) {
          if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
          // A concurrent hit claimed this slot: it is busy now, try the next.
          slots.set(i, { index: i, at: nowMs });
        }
      }
      const oldest = Math.min(...[...slots.values()].map((s) => s.at));
      return { allowed: false, used: limit, retryAfterMs: Math.max(oldest + windowMs - nowMs, 1) };
    },
  };
}

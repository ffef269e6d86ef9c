import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { errorName } from './dynamo.js';
import { keys } from './keys.js';

/**
 * Single use of the authorize page's flow states (OAuth 2.1 section 4.1): the consent step of one
 * flow yields at most one outcome (one authorization code, or one denial). A flow id is a random
 * value the auth service seals into the flow; the store keeps only its SHA-256, in a global item
 * that expires with the flow (TTL).
 */
export interface FlowStateStore {
  /**
   * Marks flow `flowId` used with one conditional put (`attribute_not_exists`), so of N concurrent
   * calls for one id exactly one returns true; later calls return false. `expiresAt` (epoch
   * seconds) is the flow's own expiry: the item is kept until then (TTL), as long as a replay
   * could still open the flow.
   */
  consume(flowId: string, opts: { now: Date; expiresAt: number }): Promise<boolean>;
}

export function createFlowStateStore(ctx: StoreContext): FlowStateStore {
  const { doc, tableName } = ctx;
  return {
    async consume(flowId, { now, expiresAt }) {
      const hash = createHash('sha256').update(flowId, 'utf8').digest('hex');
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.flowState(hash),
              type: 'flowState',
              usedAt: now.toISOString(),
              expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        return false;
      }
    },
  };
}

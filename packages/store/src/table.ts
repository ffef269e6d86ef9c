import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/** The TTL attribute of the table: epoch seconds. DynamoDB deletes expired items late. */
export const TTL_ATTRIBUTE = 'expiresAt';

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/**
 * Creates the single Portico table if it does not exist, waits until it is ACTIVE and enables TTL
 * on `expiresAt`. Idempotent and safe to call concurrently (several processes at boot).
 *
 * Schema: `pk` (S) hash key, `sk` (S) range key, on-demand capacity (PAY_PER_REQUEST), and one
 * sparse generic index `gsi1` (`gsi1pk`/`gsi1sk`, projection ALL). Global lookups (slug, API key
 * hash) are dedicated lookup items read with strong consistency (see keys.ts); `gsi1` serves
 * eventual listings only (auth events per server).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  let exists = true;
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (errorName(err) !== 'ResourceNotFoundException') throw err;
    exists = false;
  }
  if (!exists) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
            { AttributeName: 'gsi1pk', AttributeType: 'S' },
            { AttributeName: 'gsi1sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'gsi1',
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
    } catch (err) {
      // Another process created it between our describe and create.
      if (errorName(err) !== 'ResourceInUseException') throw err;
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 120 }, { TableName: tableName });

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (err) {
    // "TimeToLive is already enabled" when a concurrent caller won the race.
    if (errorName(err) !== 'ValidationException') throw err;
  }
}

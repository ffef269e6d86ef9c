import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A DynamoDB client. With `endpoint` (DynamoDB Local), static dummy credentials are used, since
 * DynamoDB Local accepts any; without it, the default AWS credential chain applies.
 * `region` defaults to `us-east-1`.
 */
export function createDynamoClient(opts: { endpoint?: string; region?: string }): DynamoDBClient {
  const region = opts.region ?? 'us-east-1';
  if (opts.endpoint) {
    return new DynamoDBClient({
      region,
      endpoint: opts.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }
  return new DynamoDBClient({ region });
}

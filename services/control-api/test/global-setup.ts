import { startDynamoDbLocal } from '@portico/devkit';
import { createDynamoClient, ensureTable } from '@portico/store';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; the table is created once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal();
  const tableName = 'portico-control-api-test';
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tableName', tableName);
  return () => dynamo.stop();
}

import { startDynamoDbLocal } from '@portico/devkit';
import type { TestProject } from 'vitest/node';
import { createDynamoClient, ensureTable } from '../src/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
  }
}

/** Starts one in-memory DynamoDB Local for the run and creates the table once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal();
  const tableName = 'portico-test';
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tableName', tableName);
  return () => dynamo.stop();
}

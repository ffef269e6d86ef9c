import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startSesLocal } from './ses-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local endpoint, `http://127.0.0.1:<port>`. */
    dynamoEndpoint: string;
    /** The run's table, created once before the first test file. */
    tableName: string;
    /** The run's SES stand-in endpoint; provided only with `ses: true`. */
    sesEndpoint: string;
  }
}

export interface TestServicesOptions {
  /** The table every test file of the package shares (files isolate by fresh organizations). */
  tableName: string;
  /** Creates the table at the endpoint (the store's `ensureTable`: devkit does not know the schema). */
  createTable(endpoint: string, tableName: string): Promise<void>;
  /** Also start the SES stand-in and provide `sesEndpoint`. */
  ses?: boolean;
}

/**
 * The one vitest global setup (`@portico/devkit/test-setup`, apart from the main entry so that
 * nothing but tests loads vitest) of every package that talks to DynamoDB: starts one in-memory
 * DynamoDB Local (and, with `ses`, one SES stand-in) for the whole run, creates the table once,
 * and provides `dynamoEndpoint`, `tableName` (and `sesEndpoint`) to tests via `inject()`.
 * Returns vitest's teardown, which stops what it started. Throws when Java is missing (DynamoDB
 * Local needs it) or a stand-in does not come up.
 */
export function testServicesSetup(
  options: TestServicesOptions,
): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const [dynamo, ses] = await Promise.all([
      startDynamoDbLocal(),
      options.ses ? startSesLocal() : undefined,
    ]);
    await options.createTable(dynamo.endpoint, options.tableName);
    project.provide('dynamoEndpoint', dynamo.endpoint);
    project.provide('tableName', options.tableName);
    if (ses) project.provide('sesEndpoint', ses.endpoint);
    return async () => {
      await Promise.all([dynamo.stop(), ses?.stop()]);
    };
  };
}

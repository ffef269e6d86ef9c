import { testServicesSetup } from '@portico/devkit/test-setup';
import { createDynamoClient, ensureTable } from '@portico/store';

/**
 * One DynamoDB Local and one SES stand-in for the whole run; the table is created once (see
 * @portico/devkit).
 */
export default testServicesSetup({
  tableName: 'portico-auth-test',
  ses: true,
  async createTable(endpoint, tableName) {
    const client = createDynamoClient({ endpoint });
    await ensureTable(client, tableName).finally(() => client.destroy());
  },
});

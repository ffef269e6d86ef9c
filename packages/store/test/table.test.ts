import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../src/index.js';
import { testStore } from './helpers.js';

const t = testStore();
afterAll(() => t.client.destroy());

describe('ensureTable', () => {
  it('is idempotent, also when called concurrently', async () => {
    const name = `table-${Date.now()}`;
    await Promise.all([ensureTable(t.client, name), ensureTable(t.client, name)]);
    await ensureTable(t.client, name);
    const table = await t.client.send(new DescribeTableCommand({ TableName: name }));
    expect(table.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const ttl = await t.client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
  });
});

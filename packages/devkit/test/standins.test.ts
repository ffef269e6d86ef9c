import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, startPrism, startSesLocal } from '../src/index.js';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
});

describe('local stand-ins', () => {
  it('DynamoDB Local answers the DynamoDB API', async () => {
    const ddb = await startDynamoDbLocal();
    stops.push(ddb.stop);
    const res = await fetch(ddb.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ TableNames: [] });
  });

  it('the SES stand-in starts with an empty mailbox', async () => {
    const ses = await startSesLocal();
    stops.push(ses.stop);
    expect(await ses.mailbox()).toEqual([]);
  });

  it('Prism serves a document and reports invalid requests', async () => {
    const prism = await startPrism(join(import.meta.dirname, 'fixtures', 'petstore.yaml'));
    stops.push(prism.stop);
    const ok = await fetch(`${prism.url}/pets?limit=3`);
    expect(ok.status).toBe(200);
    const bad = await fetch(`${prism.url}/pets?limit=notanumber`);
    expect(bad.status).toBe(422);
    // Prism logs through a pipe: the log line may trail the response by a few ms.
    await expect.poll(() => prism.violations().length).toBeGreaterThan(0);
    expect(prism.requests().map((r) => [r.request, r.violations.length > 0])).toEqual([
      ['get /pets', false],
      ['get /pets', true],
    ]);
  });
});

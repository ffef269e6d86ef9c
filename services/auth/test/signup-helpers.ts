import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './helpers.js';
import { uniqueIp } from './helpers.js';

/** POST /auth/signup from `ip` (a fresh one by default), with the sign-up token if given. */
export function signupRequest(
  app: FastifyInstance,
  email: string,
  opts: { ip?: string; token?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/signup',
    payload: { email },
    remoteAddress: opts.ip ?? uniqueIp(),
    headers: {
      'user-agent': 'vitest',
      ...(opts.token ? { 'x-portico-signup-token': opts.token } : {}),
    },
  });
}

/** POST /auth/signup/verify. */
export function signupVerify(
  app: FastifyInstance,
  body: { email: string; code: string; name?: string; apiKey?: boolean },
  opts: { ip?: string; token?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/signup/verify',
    payload: { name: 'Acme', ...body },
    remoteAddress: opts.ip ?? uniqueIp(),
    headers: {
      'user-agent': 'vitest',
      ...(opts.token ? { 'x-portico-signup-token': opts.token } : {}),
    },
  });
}

/** The orgs whose contact address is `email` (a scan of the shared test table). */
export async function orgsOf(t: TestApp, email: string): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(t.client);
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await doc.send(
      new ScanCommand({
        TableName: t.tableName,
        FilterExpression: '#type = :org AND email = :email',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':org': 'org', ':email': email.toLowerCase() },
        ExclusiveStartKey: start,
      }),
    );
    found.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return found;
}

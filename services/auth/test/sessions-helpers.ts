import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type CapturingSender, requestCode, uniqueIp } from './helpers.js';

/** POSTs a JSON body from a client IP of its own. */
export function post(
  app: FastifyInstance,
  url: string,
  payload: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: uniqueIp(),
    headers: { 'user-agent': 'vitest' },
  });
}

/** Mails a member code and signs in with it; returns the 200 session body. */
export async function signInMember(
  app: FastifyInstance,
  mail: CapturingSender,
  orgId: string,
  email: string,
): Promise<{
  access_token: string;
  refresh_token: string;
  expires_in: number;
  member: Record<string, unknown>;
}> {
  expect((await requestCode(app, { email, audience: { kind: 'member', orgId } })).statusCode).toBe(
    202,
  );
  const res = await post(app, '/auth/sessions', { orgId, email, code: mail.codeFor(email) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

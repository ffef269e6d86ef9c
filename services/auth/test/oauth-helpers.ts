import { randomBytes } from 'node:crypto';
import { pkceChallengeS256 } from '@portico/tokens';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  type CapturingSender,
  freshTenant,
  ORIGIN,
  type TestApp,
  uniqueEmail,
  uniqueIp,
} from './helpers.js';

export const REDIRECT = 'http://127.0.0.1:33418/callback';

/** Registers a public client (RFC 7591) and returns its id. */
export async function registerClient(
  app: FastifyInstance,
  body: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { client_name: 'Test MCP Client', redirect_uris: [REDIRECT], ...body },
    remoteAddress: uniqueIp(),
  });
}

export async function newClient(app: FastifyInstance): Promise<string> {
  const res = await registerClient(app);
  expect(res.statusCode).toBe(201);
  return res.json().client_id as string;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallengeS256(verifier) };
}

export function resourceOf(slug: string): string {
  return `${ORIGIN}/s/${slug}/mcp`;
}

export interface AuthorizeParams {
  client_id: string;
  redirect_uri?: string;
  code_challenge: string;
  resource?: string;
  state?: string;
  scope?: string;
}

export function authorizeUrl(p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: 'code',
    code_challenge_method: 'S256',
    redirect_uri: REDIRECT,
    state: 'st-123',
    ...p,
  } as Record<string, string>);
  return `/auth/authorize?${q}`;
}

/** The sealed flow in the page's hidden field. */
export function flowOf(html: string): string {
  const m = html.match(/name="flow" value="([^"]+)"/);
  if (!m?.[1]) throw new Error('no flow field in page');
  return m[1];
}

export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  // A client IP of its own per request: per-IP limits are counted in the shared table.
  ip = uniqueIp(),
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vitest' },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: ip,
  });
}

/**
 * Drives the authorize page like a browser: GET, email, code (read from the captured mail),
 * consent. Returns the final 302 answer.
 */
export async function signInThroughPages(
  app: FastifyInstance,
  mail: CapturingSender,
  params: AuthorizeParams,
  email = uniqueEmail('enduser'),
): Promise<LightMyRequestResponse> {
  const start = await app.inject({ method: 'GET', url: authorizeUrl(params) });
  expect(start.statusCode).toBe(200);
  const afterEmail = await postForm(app, '/auth/authorize', { flow: flowOf(start.body), email });
  expect(afterEmail.statusCode).toBe(200);
  const afterCode = await postForm(app, '/auth/authorize', {
    flow: flowOf(afterEmail.body),
    code: mail.codeFor(email),
  });
  expect(afterCode.statusCode).toBe(200);
  return postForm(app, '/auth/authorize', { flow: flowOf(afterCode.body), decision: 'approve' });
}

/** The `code` of an authorization response redirect. */
export function codeOf(res: LightMyRequestResponse): string {
  expect(res.statusCode).toBe(302);
  const code = new URL(String(res.headers.location)).searchParams.get('code');
  if (!code) throw new Error(`no code in ${res.headers.location}`);
  return code;
}

export function token(
  app: FastifyInstance,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return postForm(app, '/auth/token', fields);
}

/**
 * A fresh tenant, a DCR client and an authorization code for it, signed in through the pages:
 * the server, the client id, the PKCE verifier and the code (redirect URI {@link REDIRECT}).
 */
export async function authorizationCodeFor(t: TestApp) {
  const { server } = await freshTenant(t.store);
  const clientId = await newClient(t.app);
  const { verifier, challenge } = pkce();
  const done = await signInThroughPages(t.app, t.mail, {
    client_id: clientId,
    code_challenge: challenge,
    resource: resourceOf(server.slug),
  });
  return { server, clientId, verifier, code: codeOf(done) };
}

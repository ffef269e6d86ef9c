import type { OAuthDeps } from '../oauth/context.js';
import { OAuthError } from '../oauth/errors.js';
import { formParams, required } from '../oauth/form.js';
import { familyLimit } from '../rate-limit.js';
import { exchangeCode } from '../verbs/oauth/exchange.js';
import { refreshGrant } from '../verbs/oauth/refresh.js';
import { revokeToken } from '../verbs/oauth/revoke.js';
import { type App, verbContext } from './app-type.js';

/** Token and revocation answers may be read by browser-based MCP clients (CORS, no credentials). */
export const CORS_HEADERS = { 'access-control-allow-origin': '*' } as const;

/**
 * POST /auth/token (OAuth 2.1 section 3.2, form-encoded): authorization_code and refresh_token
 * grants; errors per RFC 6749 section 5.2. POST /auth/revoke (RFC 7009 section 2.1): 200 always
 * for a well-formed request.
 */
export function registerOAuthToken(app: App, deps: OAuthDeps): void {
  const rateLimit = familyLimit('tokens', deps.rateLimits);
  app.post('/token', { config: { rateLimit } }, async (req, reply) => {
    reply.headers({ ...CORS_HEADERS, pragma: 'no-cache' });
    const input = formParams(req.body);
    const grantType = required(input, 'grant_type');
    const ctx = verbContext(req);
    if (grantType === 'authorization_code') return exchangeCode(deps, { ctx, input });
    if (grantType === 'refresh_token') return refreshGrant(deps, { ctx, input });
    throw new OAuthError('unsupported_grant_type', 'grant_type not supported');
  });
  app.post('/revoke', { config: { rateLimit } }, async (req, reply) => {
    reply.headers(CORS_HEADERS);
    await revokeToken(deps, { ctx: verbContext(req), input: formParams(req.body) });
    return reply.code(200).send();
  });
  for (const url of ['/token', '/revoke', '/register']) {
    app.options(url, async (_req, reply) =>
      reply
        .code(204)
        .headers({
          ...CORS_HEADERS,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type, authorization',
          'access-control-max-age': '600',
        })
        .send(),
    );
  }
}

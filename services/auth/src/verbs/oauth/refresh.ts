import { hashRefreshToken, isWellFormedRefreshToken, mintRefreshToken } from '@portico/tokens';
import type { VerbArgs } from '../../context.js';
import { type OAuthDeps, REFRESH_TOKEN_SECONDS } from '../../oauth/context.js';
import { OAuthError } from '../../oauth/errors.js';
import { required } from '../../oauth/form.js';
import {
  authenticateClient,
  grantEvent,
  type TokenParams,
  type TokenResponse,
  tokenResponse,
} from './tokens.js';

/**
 * grant_type=refresh_token (OAuth 2.1 section 4.3): rotates the token. Presenting a token that was
 * already rotated revokes its whole family (RFC 9700 section 4.14.2) and records
 * `refresh_reuse_detected`. A narrower `scope` may be asked; `resource` must stay the same.
 * Member session tokens are refused here (they refresh at /auth/sessions/refresh).
 * Errors: OAuthError invalid_request, invalid_client, unauthorized_client, invalid_grant,
 * invalid_target, invalid_scope.
 */
export async function refreshGrant(
  deps: OAuthDeps,
  { ctx, input: params }: VerbArgs<TokenParams>,
): Promise<TokenResponse> {
  const client = await authenticateClient(deps, params, 'refresh_token');
  const token = required(params, 'refresh_token');
  const invalid = new OAuthError('invalid_grant', 'invalid refresh token');
  if (!isWellFormedRefreshToken(token)) throw invalid;
  const hash = hashRefreshToken(token);
  const found = await deps.store.refreshTokens.get(hash);
  if (found?.kind !== 'enduser' || found.clientId !== client.clientId) throw invalid;
  if (params.resource !== undefined && params.resource !== found.resource) {
    throw new OAuthError('invalid_target', 'resource does not match the grant');
  }
  let scope = found.scope;
  if (params.scope !== undefined) {
    const granted = found.scope.split(' ');
    const asked = params.scope.split(' ').filter(Boolean);
    if (!asked.every((s) => granted.includes(s)))
      throw new OAuthError('invalid_scope', 'scope exceeds the grant');
    scope = asked.join(' ');
  }
  const now = deps.now();
  const next = mintRefreshToken();
  const use = await deps.store.refreshTokens.use(hash, next.hash, {
    now,
    ttlSeconds: REFRESH_TOKEN_SECONDS,
  });
  if (!use.ok) {
    if (use.reason === 'reused') {
      await deps.store.refreshTokens.revokeFamily(found.familyId, { now, reason: 'reuse' });
      await deps.store.authEvents.record(found.orgId, {
        ...grantEvent(ctx, found),
        at: now,
        type: 'refresh_reuse_detected',
      });
    }
    throw invalid;
  }
  await deps.store.authEvents.record(found.orgId, {
    ...grantEvent(ctx, found),
    at: now,
    type: 'token_refreshed',
  });
  return tokenResponse(deps, { ...found, scope }, next.token);
}

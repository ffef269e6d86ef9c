import { hashRefreshToken, isWellFormedRefreshToken } from '@portico/tokens';
import type { VerbArgs } from '../../context.js';
import type { OAuthDeps } from '../../oauth/context.js';
import { OAuthError } from '../../oauth/errors.js';
import { required } from '../../oauth/form.js';
import { authenticateClient, grantEvent, type TokenParams } from './tokens.js';

/**
 * Token revocation (RFC 7009 section 2): a refresh token of the calling client revokes its family
 * and records `token_revoked`; unknown tokens and access tokens (short-lived JWTs, not revocable
 * here) answer 200 all the same (section 2.2).
 * Errors: OAuthError invalid_request, invalid_client, unauthorized_client (another client's token).
 */
export async function revokeToken(
  deps: OAuthDeps,
  { ctx, input: params }: VerbArgs<TokenParams>,
): Promise<void> {
  const client = await authenticateClient(deps, params);
  const token = required(params, 'token');
  if (!isWellFormedRefreshToken(token)) return;
  const found = await deps.store.refreshTokens.get(hashRefreshToken(token));
  if (found?.kind !== 'enduser') return;
  if (found.clientId !== client.clientId)
    throw new OAuthError('unauthorized_client', 'token belongs to another client');
  const now = deps.now();
  await deps.store.refreshTokens.revokeFamily(found.familyId, { now, reason: 'revoked' });
  await deps.store.authEvents.record(found.orgId, {
    ...grantEvent(ctx, found),
    at: now,
    type: 'token_revoked',
  });
}

import { PorticoError } from '@portico/contracts';
import { newId } from '@portico/store';
import { mintRefreshToken, verifyPkceS256 } from '@portico/tokens';
import type { VerbArgs } from '../../context.js';
import {
  type OAuthDeps,
  REFRESH_FAMILY_MAX_SECONDS,
  REFRESH_TOKEN_SECONDS,
  sha256Hex,
} from '../../oauth/context.js';
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
 * grant_type=authorization_code (OAuth 2.1 section 4.1.3): the code is consumed first (single
 * use; the consuming write also records the refresh family about to be issued), then client,
 * redirect URI (exact), PKCE S256 verifier (RFC 7636 section 4.6) and, when sent, `resource`
 * (RFC 8707 section 2.2) must match what the code was issued for. A code presented again revokes
 * the family issued from it (RFC 6749 section 4.1.2: "SHOULD revoke (when possible) all tokens
 * previously issued based on that authorization code") and records `code_replayed`.
 * Errors: OAuthError invalid_client, unauthorized_client, invalid_request, invalid_grant,
 * invalid_target.
 */
export async function exchangeCode(
  deps: OAuthDeps,
  { ctx, input: params }: VerbArgs<TokenParams>,
): Promise<TokenResponse> {
  const client = await authenticateClient(deps, params, 'authorization_code');
  const code = required(params, 'code');
  const redirectUri = required(params, 'redirect_uri');
  const verifier = required(params, 'code_verifier');
  const now = deps.now();
  const familyId = newId('refreshFamily', now.getTime());
  const used = await deps.store.authCodes.consume(sha256Hex(code), now, familyId);
  const invalid = new OAuthError('invalid_grant', 'invalid authorization code');
  if (!used.ok) {
    if (used.reason === 'used' && used.record.familyId) {
      await deps.store.refreshTokens.revokeFamily(used.record.familyId, {
        now,
        reason: 'code_replayed',
      });
      await deps.store.authEvents.record(used.record.orgId, {
        ...grantEvent(ctx, used.record),
        at: now,
        type: 'code_replayed',
      });
    }
    throw invalid;
  }
  const grant = used.record;
  if (grant.clientId !== client.clientId) {
    throw new OAuthError('invalid_grant', 'code was issued to another client');
  }
  if (grant.redirectUri !== redirectUri) {
    throw new OAuthError('invalid_grant', 'redirect_uri does not match');
  }
  if (!verifyPkceS256(verifier, grant.codeChallenge)) {
    throw new OAuthError('invalid_grant', 'PKCE verification failed');
  }
  if (params.resource !== undefined && params.resource !== grant.resource) {
    throw new OAuthError('invalid_target', 'resource does not match the authorization request');
  }
  const refresh = mintRefreshToken();
  try {
    await deps.store.refreshTokens.issue(
      {
        kind: 'enduser',
        tokenHash: refresh.hash,
        clientId: client.clientId,
        resource: grant.resource,
        orgId: grant.orgId,
        serverId: grant.serverId,
        sub: grant.sub,
        scope: grant.scope,
      },
      {
        now,
        ttlSeconds: REFRESH_TOKEN_SECONDS,
        maxLifetimeSeconds: REFRESH_FAMILY_MAX_SECONDS,
        familyId,
      },
    );
  } catch (err) {
    // A replay of this code revoked the family before it was issued.
    if (err instanceof PorticoError && err.code === 'CONFLICT') throw invalid;
    throw err;
  }
  await deps.store.authEvents.record(grant.orgId, {
    ...grantEvent(ctx, grant),
    at: now,
    type: 'token_issued',
  });
  return tokenResponse(deps, grant, refresh.token);
}

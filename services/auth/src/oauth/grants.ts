import { PorticoError } from '@portico/contracts';
import { type EndUserRefreshGrant, newId } from '@portico/store';
import {
  hashRefreshToken,
  isWellFormedRefreshToken,
  mintRefreshToken,
  TOKEN_TYPES,
  verifyPkceS256,
} from '@portico/tokens';
import type { VerbContext } from '../context.js';
import { type ResolvedClient, resolveClient } from './clients.js';
import {
  ACCESS_TOKEN_SECONDS,
  type OAuthDeps,
  REFRESH_FAMILY_MAX_SECONDS,
  REFRESH_TOKEN_SECONDS,
  sha256Hex,
} from './context.js';
import { OAuthError } from './errors.js';
import { required } from './form.js';

/** The token response of RFC 6749 section 5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

type Params = Record<string, string>;

/**
 * The public client named by `client_id` (OAuth 2.1 section 3.2.1), resolved like the authorize
 * endpoint does (resolveClient), and allowed to use `grantType` (RFC 6749 section 5.2
 * `unauthorized_client`); else invalid_client.
 */
async function authenticateClient(
  deps: OAuthDeps,
  params: Params,
  grantType?: string,
): Promise<ResolvedClient> {
  const resolved = await resolveClient(deps, required(params, 'client_id'));
  if (!resolved.ok) throw new OAuthError('invalid_client', resolved.reason);
  if (grantType && !resolved.client.grantTypes.includes(grantType)) {
    throw new OAuthError('unauthorized_client', `this client may not use ${grantType}`);
  }
  return resolved.client;
}

type GrantFacts = Pick<EndUserRefreshGrant, 'serverId' | 'sub' | 'clientId'>;

/** An auth event's fields for a grant: the end user by id, never by address. */
function event(ctx: VerbContext, grant: GrantFacts) {
  return {
    serverId: grant.serverId,
    subject: grant.sub,
    clientId: grant.clientId,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
  };
}

/**
 * An `at+jwt` access token (RFC 9068) for the grant: `aud` = its resource (RFC 8707), `sub` = the
 * end user's id (`endUserId`).
 */
async function respond(
  deps: OAuthDeps,
  grant: Pick<EndUserRefreshGrant, 'sub' | 'resource' | 'scope' | 'clientId' | 'orgId'>,
  refreshToken: string,
): Promise<TokenResponse> {
  const accessToken = await deps.tokens.sign({
    typ: TOKEN_TYPES.accessToken,
    sub: grant.sub,
    aud: grant.resource,
    scope: grant.scope,
    clientId: grant.clientId,
    orgId: grant.orgId,
    lifetimeSeconds: ACCESS_TOKEN_SECONDS,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: refreshToken,
    scope: grant.scope,
  };
}

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
  ctx: VerbContext,
  params: Params,
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
        ...event(ctx, used.record),
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
    ...event(ctx, grant),
    at: now,
    type: 'token_issued',
  });
  return respond(deps, grant, refresh.token);
}

/**
 * grant_type=refresh_token (OAuth 2.1 section 4.3): rotates the token. Presenting a token that was
 * already rotated revokes its whole family (RFC 9700 section 4.14.2) and records
 * `refresh_reuse_detected`. A narrower `scope` may be asked; `resource` must stay the same.
 * Member session tokens are refused here (they refresh at /auth/sessions/refresh).
 */
export async function refresh(
  deps: OAuthDeps,
  ctx: VerbContext,
  params: Params,
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
        ...event(ctx, found),
        at: now,
        type: 'refresh_reuse_detected',
      });
    }
    throw invalid;
  }
  await deps.store.authEvents.record(found.orgId, {
    ...event(ctx, found),
    at: now,
    type: 'token_refreshed',
  });
  return respond(deps, { ...found, scope }, next.token);
}

/**
 * Token revocation (RFC 7009 section 2): a refresh token of the calling client revokes its family;
 * unknown tokens and access tokens (short-lived JWTs, not revocable here) answer 200 all the same
 * (section 2.2).
 */
export async function revoke(deps: OAuthDeps, ctx: VerbContext, params: Params): Promise<void> {
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
    ...event(ctx, found),
    at: now,
    type: 'token_revoked',
  });
}

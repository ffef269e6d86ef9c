import type { RefreshTokenRecord } from '@portico/store';
import {
  hashRefreshToken,
  isWellFormedRefreshToken,
  mintRefreshToken,
  TOKEN_TYPES,
  verifyPkceS256,
} from '@portico/tokens';
import type { VerbContext } from '../context.js';
import {
  ACCESS_TOKEN_SECONDS,
  type OAuthDeps,
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

/** The registered public client named by `client_id` (OAuth 2.1 section 3.2.1), or invalid_client. */
async function authenticateClient(deps: OAuthDeps, params: Params): Promise<string> {
  const clientId = required(params, 'client_id');
  const client = await deps.store.oauthClients.get(clientId);
  if (!client) throw new OAuthError('invalid_client', 'unknown client');
  return clientId;
}

function event(ctx: VerbContext, grant: Pick<RefreshTokenRecord, 'serverId' | 'sub' | 'clientId'>) {
  return {
    serverId: grant.serverId,
    email: grant.sub,
    clientId: grant.clientId,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
  };
}

/** An `at+jwt` access token (RFC 9068) for the grant, `aud` = its resource (RFC 8707). */
async function respond(
  deps: OAuthDeps,
  grant: Pick<RefreshTokenRecord, 'sub' | 'resource' | 'scope' | 'clientId' | 'orgId'>,
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
 * use), then client, redirect URI (exact), PKCE S256 verifier (RFC 7636 section 4.6) and, when
 * sent, `resource` (RFC 8707 section 2.2) must match what the code was issued for.
 */
export async function exchangeCode(
  deps: OAuthDeps,
  ctx: VerbContext,
  params: Params,
): Promise<TokenResponse> {
  const clientId = await authenticateClient(deps, params);
  const code = required(params, 'code');
  const redirectUri = required(params, 'redirect_uri');
  const verifier = required(params, 'code_verifier');
  const now = deps.now();
  const used = await deps.store.authCodes.consume(sha256Hex(code), now);
  if (!used.ok) throw new OAuthError('invalid_grant', 'invalid authorization code');
  const grant = used.record;
  if (grant.clientId !== clientId)
    throw new OAuthError('invalid_grant', 'code was issued to another client');
  if (grant.redirectUri !== redirectUri)
    throw new OAuthError('invalid_grant', 'redirect_uri does not match');
  if (!verifyPkceS256(verifier, grant.codeChallenge)) {
    throw new OAuthError('invalid_grant', 'PKCE verification failed');
  }
  if (params.resource !== undefined && params.resource !== grant.resource) {
    throw new OAuthError('invalid_target', 'resource does not match the authorization request');
  }
  const refresh = mintRefreshToken();
  await deps.store.refreshTokens.issue(
    {
      tokenHash: refresh.hash,
      clientId,
      resource: grant.resource,
      orgId: grant.orgId,
      serverId: grant.serverId,
      sub: grant.sub,
      scope: grant.scope,
    },
    { now, ttlSeconds: REFRESH_TOKEN_SECONDS },
  );
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
 */
export async function refresh(
  deps: OAuthDeps,
  ctx: VerbContext,
  params: Params,
): Promise<TokenResponse> {
  const clientId = await authenticateClient(deps, params);
  const token = required(params, 'refresh_token');
  const invalid = new OAuthError('invalid_grant', 'invalid refresh token');
  if (!isWellFormedRefreshToken(token)) throw invalid;
  const hash = hashRefreshToken(token);
  const found = await deps.store.refreshTokens.get(hash);
  if (!found || found.clientId !== clientId) throw invalid;
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
  const clientId = await authenticateClient(deps, params);
  const token = required(params, 'token');
  if (!isWellFormedRefreshToken(token)) return;
  const found = await deps.store.refreshTokens.get(hashRefreshToken(token));
  if (!found) return;
  if (found.clientId !== clientId)
    throw new OAuthError('unauthorized_client', 'token belongs to another client');
  const now = deps.now();
  await deps.store.refreshTokens.revokeFamily(found.familyId, { now, reason: 'revoked' });
  await deps.store.authEvents.record(found.orgId, {
    ...event(ctx, found),
    at: now,
    type: 'token_revoked',
  });
}

import type { EndUserRefreshGrant } from '@portico/store';
import { TOKEN_TYPES } from '@portico/tokens';
import type { VerbContext } from '../../context.js';
import { type ResolvedClient, resolveClient } from '../../oauth/clients.js';
import { ACCESS_TOKEN_SECONDS, type OAuthDeps } from '../../oauth/context.js';
import { OAuthError } from '../../oauth/errors.js';
import { required } from '../../oauth/form.js';

/** The token response of RFC 6749 section 5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** The form parameters of a token or revocation request, as parsed (one value per name). */
export type TokenParams = Record<string, string>;

/**
 * The public client named by `client_id` (OAuth 2.1 section 3.2.1), resolved like the authorize
 * endpoint does (resolveClient), and allowed to use `grantType` (RFC 6749 section 5.2
 * `unauthorized_client`). Errors: OAuthError invalid_request (no client_id), invalid_client,
 * unauthorized_client.
 */
export async function authenticateClient(
  deps: OAuthDeps,
  params: TokenParams,
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
export function grantEvent(ctx: VerbContext, grant: GrantFacts) {
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
 * end user's id (`endUserId`), 10 minutes; answered with `refreshToken` as RFC 6749 section 5.1.
 */
export async function tokenResponse(
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

import { randomBytes } from 'node:crypto';
import { type ResolvedClient, resolveClient } from '../../../oauth/clients.js';
import {
  grantableScope,
  type OAuthDeps,
  resourceUrl,
  serverForResource,
} from '../../../oauth/context.js';
import type { OAuthErrorCode } from '../../../oauth/errors.js';
import { type FlowState, sealFlow } from '../../../oauth/flow.js';
import { redirectUriMatches } from '../../../oauth/redirect.js';
import type { AuthorizeOutcome } from './outcome.js';

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The query parameters of an authorization request (OAuth 2.1 section 4.1.1), as sent. */
export type AuthorizeQuery = Record<string, string>;

/**
 * The resource to authorize (RFC 8707 section 2): the one asked for, or, for a client an org
 * registered for one of its servers, that server's canonical URL when none is asked for (the
 * "pre-defined default resource"). A bound client never gets another server's. Undefined when
 * there is none or a bound client asks for another.
 */
async function resourceFor(
  deps: OAuthDeps,
  client: ResolvedClient,
  asked: string | undefined,
): Promise<string | undefined> {
  if (!client.boundTo) return asked || undefined;
  const server = await deps.store.servers.get(client.boundTo.orgId, client.boundTo.serverId);
  if (!server) return undefined;
  const own = resourceUrl(deps.publicOrigin, server.slug);
  return !asked || asked === own ? own : undefined;
}

/**
 * Starts an authorize flow (OAuth 2.1 section 4.1.1): validates the request and answers the
 * email step with a freshly sealed flow (a random `flowId`, consumed at consent). Client and
 * redirect URI problems (including every reason a Client ID Metadata Document cannot be used)
 * are an error page, never a redirect (RFC 6749 section 4.1.2.1); the rest go back to the client
 * as `error` (PKCE S256 required, RFC 8707 `resource` naming one of our servers, or the bound
 * server by default, a supported scope). Never throws for a bad request.
 */
export async function startAuthorization(
  deps: OAuthDeps,
  q: AuthorizeQuery,
): Promise<AuthorizeOutcome> {
  const resolved = await resolveClient(deps, q.client_id);
  if (!resolved.ok) {
    return {
      kind: 'error',
      status: 400,
      message: `This app cannot sign you in: ${resolved.reason}.`,
    };
  }
  const { client } = resolved;
  const redirectUri = q.redirect_uri;
  if (!redirectUri || !redirectUriMatches(client.redirectUris, redirectUri)) {
    return {
      kind: 'error',
      status: 400,
      message: 'The redirect_uri is not registered for this client.',
    };
  }
  const fail = (error: OAuthErrorCode, description: string): AuthorizeOutcome => ({
    kind: 'redirect',
    redirectUri,
    params: { error, error_description: description, state: q.state },
  });
  if (q.response_type !== 'code')
    return fail('unsupported_response_type', 'response_type must be code');
  if (q.code_challenge_method !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  if (!q.code_challenge || !CHALLENGE.test(q.code_challenge)) {
    return fail('invalid_request', 'code_challenge (S256, 43 characters) is required');
  }
  const resource = await resourceFor(deps, client, q.resource);
  if (!resource) {
    return fail(
      'invalid_target',
      client.boundTo
        ? 'this client may only get tokens for its own server'
        : 'resource is required (RFC 8707)',
    );
  }
  const server = await serverForResource(deps, resource);
  if (!server)
    return fail('invalid_target', 'resource is not a server of this authorization server');
  const scope = grantableScope(q.scope);
  if (!scope) return fail('invalid_scope', 'unsupported scope');
  const flow: Omit<FlowState, 'exp'> = {
    step: 'email',
    flowId: randomBytes(16).toString('base64url'),
    clientId: client.clientId,
    clientName: client.name,
    clientKind: client.kind,
    ...(client.host ? { clientHost: client.host } : {}),
    redirectUri,
    codeChallenge: q.code_challenge,
    ...(q.state !== undefined ? { state: q.state } : {}),
    resource,
    scope,
    serverSlug: server.slug,
    serverName: server.name,
  };
  const sealed = sealFlow(deps.flowKey, flow, deps.now());
  return { kind: 'email', status: 200, flow: { ...flow, exp: 0 }, sealed };
}

import { PorticoError } from '@portico/contracts';
import type { OAuthClientRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { redirectUriProblem } from './redirect-uri.js';

export interface CreateOAuthClientInput {
  slug: string;
  clientName: string;
  redirectUris: string[];
}

/**
 * Pre-registers a public OAuth client (authorization code + PKCE, refresh tokens; no secret) bound
 * to one of the org's servers: the auth service takes that server as the default RFC 8707
 * resource for it. Redirect URIs are checked by redirectUriProblem.
 * Errors: NOT_FOUND (server), VALIDATION_FAILED (a redirect URI, with `details.issues`).
 */
export async function createOAuthClient(
  deps: Deps,
  { ctx, input }: VerbArgs<CreateOAuthClientInput>,
): Promise<OAuthClientRecord> {
  const server = await resolveServer(deps, ctx, input.slug);
  const issues = input.redirectUris.flatMap((uri, i) => {
    const problem = redirectUriProblem(uri);
    return problem ? [{ path: `/redirectUris/${i}`, message: problem }] : [];
  });
  const first = issues[0];
  if (first) {
    throw new PorticoError('VALIDATION_FAILED', `redirectUris: ${first.message}`, { issues });
  }
  return deps.store.oauthClients.create({
    clientName: input.clientName,
    redirectUris: [...new Set(input.redirectUris)],
    grantTypes: ['authorization_code', 'refresh_token'],
    responseTypes: ['code'],
    now: new Date(),
    orgId: ctx.orgId,
    serverId: server.serverId,
  });
}

import type { OAuthClientRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/** The OAuth clients the org registered for one of its servers. Errors: NOT_FOUND (server). */
export async function listOAuthClients(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string }>,
): Promise<OAuthClientRecord[]> {
  const server = await resolveServer(deps, ctx, input.slug);
  return deps.store.oauthClients.listForServer(ctx.orgId, server.serverId);
}

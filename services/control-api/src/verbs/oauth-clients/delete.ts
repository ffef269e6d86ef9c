import { PorticoError } from '@portico/contracts';
import { isId } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/**
 * Deletes an OAuth client the org registered for one of its servers; new authorizations with it
 * fail from then on. Errors: NOT_FOUND (server, or not a client registered for it).
 */
export async function deleteOAuthClient(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; clientId: string }>,
): Promise<void> {
  const server = await resolveServer(deps, ctx, input.slug);
  const deleted =
    isId('oauthClient', input.clientId) &&
    (await deps.store.oauthClients.deleteForServer(ctx.orgId, server.serverId, input.clientId));
  if (!deleted) throw new PorticoError('NOT_FOUND', `OAuth client "${input.clientId}" not found`);
}

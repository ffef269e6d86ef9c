import { PorticoError } from '@portico/contracts';
import { type EndUserRecord, isEmailHash, type ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/**
 * The caller's server by slug and one of its end users by id (emailHash). Another org's server
 * and a malformed or unknown id are NOT_FOUND alike. Errors: NOT_FOUND.
 */
export async function findEndUser(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; endUserId: string }>,
): Promise<{ server: ServerRecord; endUser: EndUserRecord }> {
  const server = await resolveServer(deps, ctx, input.slug);
  const endUser = isEmailHash(input.endUserId)
    ? await deps.store.endUsers.get(ctx.orgId, server.serverId, input.endUserId)
    : undefined;
  if (!endUser) throw new PorticoError('NOT_FOUND', 'end user not found');
  return { server, endUser };
}

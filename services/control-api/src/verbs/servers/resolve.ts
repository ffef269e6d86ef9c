import { PorticoError } from '@portico/contracts';
import type { ServerRecord } from '@portico/store';
import type { Deps, VerbContext } from '../../context.js';

/**
 * The caller's server with this slug. Another org's server is NOT_FOUND, exactly like a missing
 * one, so nothing about it leaks. Errors: NOT_FOUND.
 */
export async function resolveServer(
  deps: Deps,
  ctx: VerbContext,
  slug: string,
): Promise<ServerRecord> {
  const server = await deps.store.servers.getBySlug(slug);
  if (!server || server.orgId !== ctx.orgId) {
    throw new PorticoError('NOT_FOUND', `server "${slug}" not found`);
  }
  return server;
}

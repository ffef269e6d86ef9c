import { PorticoError } from '@portico/contracts';
import { isId, type ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/** Makes a version the one the gateway serves (also to roll back). Errors: NOT_FOUND. */
export async function activateVersion(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; versionId: string }>,
): Promise<ServerRecord> {
  const server = await resolveServer(deps, ctx, input.slug);
  if (!isId('version', input.versionId)) {
    throw new PorticoError('NOT_FOUND', `version "${input.versionId}" not found`);
  }
  return deps.store.servers.activateVersion(ctx.orgId, server.serverId, input.versionId);
}

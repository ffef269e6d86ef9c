import type { ServerAccess, ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from './resolve.js';

export interface UpdateServerInput {
  slug: string;
  name?: string;
  access?: ServerAccess;
}

/** Renames a server or changes who the gateway admits. The slug is immutable. Errors: NOT_FOUND. */
export async function updateServer(
  deps: Deps,
  { ctx, input }: VerbArgs<UpdateServerInput>,
): Promise<ServerRecord> {
  const server = await resolveServer(deps, ctx, input.slug);
  return deps.store.servers.update(ctx.orgId, server.serverId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.access !== undefined ? { access: input.access } : {}),
  });
}

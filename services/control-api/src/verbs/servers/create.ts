import type { ServerAccess, ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

export interface CreateServerInput {
  slug: string;
  name: string;
  access: ServerAccess;
}

/** Creates a server in the caller's org. Errors: CONFLICT (slug taken, by any org). */
export function createServer(
  deps: Deps,
  { ctx, input }: VerbArgs<CreateServerInput>,
): Promise<ServerRecord> {
  return deps.store.servers.create(ctx.orgId, input);
}

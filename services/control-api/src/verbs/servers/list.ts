import type { ServerRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/** The caller's servers, oldest first. */
export function listServers(
  deps: Deps,
  { ctx }: VerbArgs<Record<string, never>>,
): Promise<ServerRecord[]> {
  return deps.store.servers.list(ctx.orgId);
}

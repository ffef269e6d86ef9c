import { PorticoError } from '@portico/contracts';
import { type AuthEventRecord, isId, type Page } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

export interface ListAuthEventsInput {
  /** Only this server's events (`srv_...`, one of the caller's servers). */
  serverId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * One page of the org's auth events (sign-in codes, tokens, refresh reuse), newest first
 * (`limit` 1..100, default 50), optionally one server's; kept 12 months.
 * Errors: NOT_FOUND (serverId is not a server of the org), VALIDATION_FAILED (bad cursor).
 */
export async function listAuthEvents(
  deps: Deps,
  { ctx, input }: VerbArgs<ListAuthEventsInput>,
): Promise<Page<AuthEventRecord>> {
  if (input.serverId !== undefined) {
    const server = isId('server', input.serverId)
      ? await deps.store.servers.get(ctx.orgId, input.serverId)
      : undefined;
    if (!server) throw new PorticoError('NOT_FOUND', `server "${input.serverId}" not found`);
  }
  return deps.store.authEvents.list(ctx.orgId, {
    ...(input.serverId ? { serverId: input.serverId } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

import type { EndUserRecord, Page } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

export interface ListEndUsersInput {
  slug: string;
  /** Only addresses starting with this (compared normalized: trimmed, lowercase). */
  emailPrefix?: string;
  limit?: number;
  cursor?: string;
}

/**
 * One page of a server's end users (`limit` 1..100, default 50), optionally those whose address
 * starts with `emailPrefix`. Errors: NOT_FOUND (server), VALIDATION_FAILED (bad cursor).
 */
export async function listEndUsers(
  deps: Deps,
  { ctx, input }: VerbArgs<ListEndUsersInput>,
): Promise<Page<EndUserRecord>> {
  const server = await resolveServer(deps, ctx, input.slug);
  return deps.store.endUsers.list(ctx.orgId, server.serverId, {
    ...(input.emailPrefix ? { emailPrefix: input.emailPrefix } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

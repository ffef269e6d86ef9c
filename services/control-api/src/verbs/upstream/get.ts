import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { type RedactedUpstream, redactUpstream } from './redact.js';

/** A server's upstream configuration, credential redacted. Errors: NOT_FOUND (server). */
export async function getUpstream(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string }>,
): Promise<RedactedUpstream> {
  const server = await resolveServer(deps, ctx, input.slug);
  return redactUpstream(await deps.store.upstreams.get(ctx.orgId, server.serverId));
}

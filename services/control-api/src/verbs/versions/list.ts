import type { SpecVersionRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/** A server's versions, newest first, and which one is active. Errors: NOT_FOUND (server). */
export async function listVersions(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string }>,
): Promise<{ versions: SpecVersionRecord[]; activeVersionId: string | undefined }> {
  const server = await resolveServer(deps, ctx, input.slug);
  const versions = await deps.store.specs.listVersions(ctx.orgId, server.serverId);
  return { versions: versions.reverse(), activeVersionId: server.activeVersionId };
}

import { PorticoError } from '@portico/contracts';
import type { ManifestTool } from '@portico/openapi-to-mcp';
import { isId } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/**
 * The tools of a server's active version, or of `version` when given, as the manifest holds them.
 * Errors: NOT_FOUND (server, version, or no active version).
 */
export async function listTools(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; version?: string }>,
): Promise<{ versionId: string; tools: ManifestTool[] }> {
  const server = await resolveServer(deps, ctx, input.slug);
  const versionId = input.version ?? server.activeVersionId;
  if (!versionId)
    throw new PorticoError('NOT_FOUND', `server "${input.slug}" has no active version`);
  const manifest = isId('version', versionId)
    ? await deps.store.specs.getManifest(ctx.orgId, server.serverId, versionId)
    : undefined;
  if (!manifest) throw new PorticoError('NOT_FOUND', `version "${versionId}" not found`);
  return { versionId, tools: manifest.tools };
}

import { PorticoError } from '@portico/contracts';
import { applyToolConfig, type ToolConfig } from '@portico/openapi-to-mcp';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import type { ShownToolConfig } from './get.js';

/**
 * Replaces a server's tool configuration. When the server has an active version, the
 * configuration must fit it exactly: every override names one of its tools and every rename
 * yields a unique name; otherwise nothing is stored and VALIDATION_FAILED (400) lists each
 * offending tool in `details.issues` (`[{tool, message}]`). (Later uploads may still make an
 * override stale; the gateway then skips it and GET /tools reports it.)
 * Errors: NOT_FOUND (server), VALIDATION_FAILED, CONFLICT (concurrent writers).
 */
export async function putToolConfig(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; config: ToolConfig }>,
): Promise<ShownToolConfig> {
  const server = await resolveServer(deps, ctx, input.slug);
  if (server.activeVersionId) {
    const manifest = await deps.store.specs.getManifest(
      ctx.orgId,
      server.serverId,
      server.activeVersionId,
    );
    const { issues } = applyToolConfig(manifest?.tools ?? [], input.config);
    if (issues.length > 0) {
      const first = issues[0];
      throw new PorticoError(
        'VALIDATION_FAILED',
        `overrides.${first?.tool}: ${first?.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
        { issues },
      );
    }
  }
  return deps.store.toolConfigs.put(ctx.orgId, server.serverId, input.config);
}

import { DEFAULT_TOOL_CONFIG, type ToolConfig } from '@portico/openapi-to-mcp';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/** A tool configuration as the control API shows it; version 0 = never written (defaults). */
export type ShownToolConfig = ToolConfig & { version: number; updatedAt: string | null };

/** A server's tool configuration, or the defaults (`all`, no selection, no overrides). */
export async function getToolConfig(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string }>,
): Promise<ShownToolConfig> {
  const server = await resolveServer(deps, ctx, input.slug);
  const stored = await deps.store.toolConfigs.get(ctx.orgId, server.serverId);
  return stored ?? { ...DEFAULT_TOOL_CONFIG, version: 0, updatedAt: null };
}

import { PorticoError } from '@portico/contracts';
import {
  applyToolConfig,
  type CuratedTool,
  type CurationIssue,
  DEFAULT_TOOL_CONFIG,
  type ExcludedTool,
  type ToolMode,
} from '@portico/openapi-to-mcp';
import { isId } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { estimateToolList, type ToolListEstimate } from './estimate.js';

/** What GET /servers/:slug/tools shows: the tools as the gateway serves them, and why not others. */
export interface ListToolsOutput {
  versionId: string;
  mode: ToolMode;
  /** The server's `toolConfigVersion` (0 = never configured). */
  toolConfigVersion: number;
  /** Effective tools: selected, renamed and re-described per the configuration. */
  tools: CuratedTool[];
  excluded: ExcludedTool[];
  /** Overrides that do not fit this version (skipped by the gateway). */
  issues: CurationIssue[];
  /** Size of the effective tool list and whether dynamic mode is advised for it. */
  estimate: ToolListEstimate;
}

/**
 * The effective tools of a server's active version, or of `version` when given, with the server's
 * tool configuration applied exactly as the gateway applies it (applyToolConfig).
 * Errors: NOT_FOUND (server, version, or no active version).
 */
export async function listTools(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; version?: string }>,
): Promise<ListToolsOutput> {
  const server = await resolveServer(deps, ctx, input.slug);
  const versionId = input.version ?? server.activeVersionId;
  if (!versionId)
    throw new PorticoError('NOT_FOUND', `server "${input.slug}" has no active version`);
  const [manifest, stored] = await Promise.all([
    isId('version', versionId)
      ? deps.store.specs.getManifest(ctx.orgId, server.serverId, versionId)
      : undefined,
    deps.store.toolConfigs.get(ctx.orgId, server.serverId),
  ]);
  if (!manifest) throw new PorticoError('NOT_FOUND', `version "${versionId}" not found`);
  const config = stored ?? DEFAULT_TOOL_CONFIG;
  const curated = applyToolConfig(manifest.tools, config);
  return {
    versionId,
    mode: config.mode,
    toolConfigVersion: server.toolConfigVersion ?? 0,
    ...curated,
    estimate: estimateToolList(curated.tools),
  };
}

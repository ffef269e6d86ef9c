import type { ManifestTool } from '../manifest.js';
import { TOOL_NAME_PATTERN } from '../names.js';
import { compileSelection } from './selectors.js';
import type { ToolConfig } from './types.js';

/** A tool as a server exposes it: the manifest tool with overrides applied. */
export interface CuratedTool extends ManifestTool {
  /** The manifest's name, when an override renamed the tool. */
  originalName?: string;
}

/** A tool of the manifest the server does not expose, and the rule that dropped it. */
export interface ExcludedTool {
  name: string;
  reason: string;
}

/** Something in a configuration that could not be applied to this manifest (it was skipped). */
export interface CurationIssue {
  /** The manifest tool name the issue concerns (an override key). */
  tool: string;
  message: string;
}

/** The outcome of {@link applyToolConfig}. */
export interface CurationResult {
  /** Selected tools in manifest order, renamed and re-described per the overrides. */
  tools: CuratedTool[];
  excluded: ExcludedTool[];
  /** Overrides that do not fit this manifest: unknown tools, invalid or taken names. */
  issues: CurationIssue[];
}

/** The default configuration: every tool, listed, as generated. */
export const DEFAULT_TOOL_CONFIG: ToolConfig = { mode: 'all', selection: {}, overrides: {} };

/**
 * Applies a server's tool configuration to a manifest's tools (pure; shared by the control API,
 * which shows the result, and the gateway, which serves it). Names stay unique whatever the
 * configuration says: every manifest name is claimed first, then renames are applied in manifest
 * order, and a rename to a name already claimed (by another tool's manifest name or an earlier
 * rename) is skipped and reported, so a newly uploaded spec can never produce duplicate names.
 * Uniqueness is checked over all tools, selected or not, so changing the selection never changes
 * which renames apply. Overrides of tools the manifest does not have are reported, not errors
 * (the configuration outlives spec versions).
 */
export function applyToolConfig(
  tools: readonly ManifestTool[],
  config: ToolConfig = DEFAULT_TOOL_CONFIG,
): CurationResult {
  const issues: CurationIssue[] = [];
  const known = new Set(tools.map((t) => t.name));
  for (const name of Object.keys(config.overrides)) {
    if (!known.has(name)) issues.push({ tool: name, message: `no tool "${name}" in this version` });
  }
  const finalName = resolveNames(tools, config, issues);
  const verdict = compileSelection(config.selection);
  const selected: CuratedTool[] = [];
  const excluded: ExcludedTool[] = [];
  for (const tool of tools) {
    const reason = verdict(tool);
    if (reason !== undefined) {
      excluded.push({ name: tool.name, reason });
      continue;
    }
    const override = Object.hasOwn(config.overrides, tool.name)
      ? config.overrides[tool.name]
      : undefined;
    const name = finalName.get(tool.name) ?? tool.name;
    if (name === tool.name && override?.description === undefined) {
      selected.push(tool);
      continue;
    }
    selected.push({
      ...tool,
      name,
      ...(name !== tool.name ? { originalName: tool.name } : {}),
      ...(override?.description !== undefined ? { description: override.description } : {}),
    });
  }
  return { tools: selected, excluded, issues };
}

/** manifest name -> served name, for the tools whose rename could be applied. */
function resolveNames(
  tools: readonly ManifestTool[],
  config: ToolConfig,
  issues: CurationIssue[],
): Map<string, string> {
  const claimed = new Set(tools.map((t) => t.name));
  const renamed = new Map<string, string>();
  for (const tool of tools) {
    if (!Object.hasOwn(config.overrides, tool.name)) continue;
    const target = config.overrides[tool.name]?.name;
    if (target === undefined || target === tool.name) continue;
    if (!TOOL_NAME_PATTERN.test(target)) {
      issues.push({ tool: tool.name, message: `"${target}" is not a valid tool name` });
      continue;
    }
    if (claimed.has(target)) {
      issues.push({ tool: tool.name, message: `cannot rename to "${target}": the name is taken` });
      continue;
    }
    claimed.delete(tool.name);
    claimed.add(target);
    renamed.set(tool.name, target);
  }
  return renamed;
}

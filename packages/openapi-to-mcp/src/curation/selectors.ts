import picomatch from 'picomatch';
import type { ManifestTool } from '../manifest.js';
import type { ToolSelection, ToolSelector } from './types.js';

/** A selector compiled once: its path glob turned into a matcher. */
type CompiledSelector = (tool: ManifestTool) => boolean;

/** The tags of a tool: the generator's `tags` (operation tags), absent on older manifests. */
function tagsOf(tool: ManifestTool): readonly string[] {
  return tool.tags ?? [];
}

/**
 * Compiles a selector. Braces are literal (`nobrace`) because OpenAPI path templates use them for
 * parameters; `dot` lets `*` match segments starting with a dot. Every given field must match.
 */
function compileSelector(selector: ToolSelector): CompiledSelector {
  const path = selector.path ? picomatch(selector.path, { nobrace: true, dot: true }) : undefined;
  const method = selector.method?.toLowerCase();
  return (tool) =>
    (selector.name === undefined || tool.name === selector.name) &&
    (selector.operationId === undefined || tool.binding.operationId === selector.operationId) &&
    (method === undefined || tool.binding.method === method) &&
    (selector.tag === undefined || tagsOf(tool).includes(selector.tag)) &&
    (path === undefined || path(tool.binding.path));
}

/** Why a tool is not exposed, or `undefined` when it is selected. */
export type SelectionVerdict = (tool: ManifestTool) => string | undefined;

/**
 * The selection as one function: `include` (when given and non-empty) admits tools matching at
 * least one of its selectors; then any matching `exclude` selector drops the tool. The verdict
 * names the rule, e.g. `excluded by selection.exclude[1]`.
 */
export function compileSelection(selection: ToolSelection): SelectionVerdict {
  const include = (selection.include ?? []).map(compileSelector);
  const exclude = (selection.exclude ?? []).map(compileSelector);
  return (tool) => {
    if (include.length > 0 && !include.some((match) => match(tool))) {
      return 'not matched by any selection.include selector';
    }
    const index = exclude.findIndex((match) => match(tool));
    return index >= 0 ? `excluded by selection.exclude[${index}]` : undefined;
  };
}

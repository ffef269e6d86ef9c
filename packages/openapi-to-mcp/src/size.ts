import type { ManifestTool } from './manifest.js';

/** Above this many tools, dynamic mode is recommended (clients degrade past ~50-100 tools). */
export const DYNAMIC_MODE_TOOL_THRESHOLD = 80;
/** Above this estimated tools/list size in tokens, dynamic mode is recommended (~20% of a 200k context). */
export const DYNAMIC_MODE_TOKEN_THRESHOLD = 40_000;

/**
 * Estimated size in tokens of a tools/list result listing `tools` (MCP server/tools): the UTF-8
 * byte length of `{"tools":[...]}` with each tool as a client sees it (name, title, description,
 * inputSchema, outputSchema, annotations; not the binding) divided by 4 and rounded up. Bytes/4 is
 * the usual rule of thumb for English and JSON with BPE tokenizers (JSON punctuation makes it
 * slightly pessimistic, i.e. it over-estimates, which is the safe side). Pass a curated subset to
 * size what a server really lists.
 */
export function estimateToolListTokens(tools: readonly ManifestTool[]): number {
  const listed = tools.map((t) => ({
    name: t.name,
    ...(t.title !== undefined ? { title: t.title } : {}),
    description: t.description,
    inputSchema: t.inputSchema,
    ...(t.outputSchema !== undefined ? { outputSchema: t.outputSchema } : {}),
    annotations: t.annotations,
  }));
  return Math.ceil(Buffer.byteLength(JSON.stringify({ tools: listed }), 'utf8') / 4);
}

/** Dynamic mode above DYNAMIC_MODE_TOOL_THRESHOLD tools or DYNAMIC_MODE_TOKEN_THRESHOLD tokens. */
export function recommendMode(
  toolCount: number,
  tokens: number,
): { dynamicMode: boolean; reason: string } {
  if (toolCount > DYNAMIC_MODE_TOOL_THRESHOLD) {
    return {
      dynamicMode: true,
      reason: `${toolCount} tools, over ${DYNAMIC_MODE_TOOL_THRESHOLD}: clients pick tools poorly from long lists`,
    };
  }
  if (tokens > DYNAMIC_MODE_TOKEN_THRESHOLD) {
    return {
      dynamicMode: true,
      reason: `tool list of about ${tokens} tokens, over ${DYNAMIC_MODE_TOKEN_THRESHOLD}: it would fill the client's context`,
    };
  }
  return {
    dynamicMode: false,
    reason: `${toolCount} tools, about ${tokens} tokens: small enough to list in full`,
  };
}

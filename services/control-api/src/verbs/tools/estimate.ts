import {
  DYNAMIC_MODE_TOKEN_THRESHOLD,
  DYNAMIC_MODE_TOOL_THRESHOLD,
  estimateToolListTokens,
  type ManifestTool,
} from '@portico/openapi-to-mcp';

/** Size of a tools/list result and the advice on dynamic mode, as the conversion report has it. */
export interface ToolListEstimate {
  toolCount: number;
  /** Estimated tokens of the tools/list result (the generator's estimateToolListTokens). */
  toolListTokens: number;
  recommendation: { dynamicMode: boolean; reason: string };
}

/**
 * The estimate for the effective tools (after selection and overrides) rather than the whole
 * manifest the report sized, with the generator's thresholds (DYNAMIC_MODE_TOOL_THRESHOLD tools,
 * DYNAMIC_MODE_TOKEN_THRESHOLD tokens), so a server curated down to a few tools is advised to list
 * them in full.
 */
export function estimateToolList(tools: readonly ManifestTool[]): ToolListEstimate {
  const toolCount = tools.length;
  const toolListTokens = estimateToolListTokens(tools);
  let reason = `${toolCount} tools, about ${toolListTokens} tokens: small enough to list in full`;
  let dynamicMode = false;
  if (toolCount > DYNAMIC_MODE_TOOL_THRESHOLD) {
    dynamicMode = true;
    reason = `${toolCount} tools, over ${DYNAMIC_MODE_TOOL_THRESHOLD}: clients pick tools poorly from long lists`;
  } else if (toolListTokens > DYNAMIC_MODE_TOKEN_THRESHOLD) {
    dynamicMode = true;
    reason = `tool list of about ${toolListTokens} tokens, over ${DYNAMIC_MODE_TOKEN_THRESHOLD}`;
  }
  return { toolCount, toolListTokens, recommendation: { dynamicMode, reason } };
}

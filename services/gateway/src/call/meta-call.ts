import { PorticoError } from '@portico/contracts';
import type { ToolResult } from '@portico/openapi-to-mcp';
import { META_TOOL_NAMES, type MetaToolKind } from '../tools/meta-tools.js';
import { callApiTool } from './api-call.js';
import type { ToolCallContext } from './context.js';
import { errorResult } from './failures.js';

/**
 * Runs a dynamic-mode meta-tool whose arguments already passed its inputSchema.
 * - search_tools: the tool set's word index (built once per tool set), `limit` hits (default 10).
 * - describe_tool: the tool's full entry (description, inputSchema, outputSchema, annotations).
 * - call_tool: the named API tool, validated and called exactly like a direct tools/call. Its
 *   failures come back as a tool result with `isError: true` instead of a JSON-RPC error (unknown
 *   tool, arguments failing the inputSchema, with the validation messages), so the model reads
 *   them and can fix the call; the upstream is not called then. Nothing was claimed about the
 *   inner tool's output to the client, so a non-conforming answer is text with `isError: false`.
 * Unknown names in describe_tool / call_tool point the model back to search_tools.
 */
export async function runMetaTool(
  ctx: ToolCallContext,
  kind: MetaToolKind,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  const { toolSet } = ctx;
  if (kind === 'search') {
    const limit = typeof args.limit === 'number' ? args.limit : 10;
    const tools = toolSet.search().search(String(args.query), limit);
    return structured({ tools, total: toolSet.tools.size });
  }
  const name = String(args.name);
  const compiled = toolSet.tools.get(name);
  if (!compiled) {
    return errorResult(
      `Unknown tool: ${name}. Use ${META_TOOL_NAMES.search} to find the names of this server's tools.`,
    );
  }
  if (kind === 'describe') {
    const { tool } = compiled;
    return structured({
      name: tool.name,
      ...(tool.title !== undefined ? { title: tool.title } : {}),
      description: tool.description,
      inputSchema: tool.inputSchema,
      ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
      annotations: { ...tool.annotations },
    });
  }
  const inner = (args.arguments ?? {}) as Record<string, unknown>;
  try {
    return await callApiTool(ctx, compiled, inner, false);
  } catch (error) {
    if (!(error instanceof PorticoError)) throw error;
    return errorResult(
      `${error.message}. Use ${META_TOOL_NAMES.describe} to see the inputSchema of ${name}.`,
    );
  }
}

function structured(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

import { PorticoError } from '@portico/contracts';
import type { ToolResult } from '@portico/openapi-to-mcp';
import { describeAjvErrors } from '../tools/ajv.js';
import { callApiTool } from './api-call.js';
import type { CallParams, ToolCallContext } from './context.js';
import { invalidArguments } from './failures.js';
import { runMetaTool } from './meta-call.js';

/**
 * The `tools/call` verb (MCP spec, server/tools, Calling Tools; Error Handling).
 * - Dynamic mode: the meta-tools (search_tools, describe_tool, call_tool) are answered first.
 * - Unknown tool (never configured, or excluded by the server's selection), or arguments failing
 *   the tool's inputSchema: throws PorticoError TOOL_NOT_FOUND or VALIDATION_FAILED (both JSON-RPC
 *   -32602 Invalid params, see transport/protocol-errors.ts); the upstream is never called.
 * - Otherwise calls the upstream once; upstream 4xx/5xx, network failure, timeout, SSRF refusal and
 *   a missing base URL are tool results with `isError: true` (API failures are results, so the
 *   model can see and react to them). A tool whose outputSchema was listed gets structuredContent
 *   only when it conforms (see enforceOutputSchema).
 */
export async function callTool(ctx: ToolCallContext, params: CallParams): Promise<ToolResult> {
  if (ctx.caller?.kind === 'anonymous' && !ctx.toolSet.publicTools.has(params.name)) {
    // Admission answers 401 before this (authorizeMessage); kept as a second line of defence.
    throw new PorticoError('UNAUTHENTICATED', 'Sign-in required for this tool');
  }
  const meta = ctx.toolSet.meta?.get(params.name);
  const args = params.arguments ?? {};
  if (meta) {
    const validate = meta.validator();
    if (!validate(args)) throw invalidArguments(params.name, describeAjvErrors(validate.errors));
    return runMetaTool(ctx, meta.kind, args);
  }
  const compiled = ctx.toolSet.tools.get(params.name);
  if (!compiled) {
    throw new PorticoError('TOOL_NOT_FOUND', `Unknown tool: ${params.name}`);
  }
  return callApiTool(ctx, compiled, args, compiled.outputSchemaListed && !ctx.toolSet.meta);
}

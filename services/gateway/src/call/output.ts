import type { ToolResult } from '@portico/openapi-to-mcp';
import { describeAjvErrors } from '../tools/ajv.js';
import type { CompiledTool } from '../tools/types.js';

/**
 * Makes a successful API tool result honest about its tool's outputSchema (MCP 2025-11-25,
 * server/tools "Output Schema": a server that declares one MUST return conforming
 * structuredContent; clients SHOULD validate, and both SDK clients throw on a non-error result
 * without it or with non-conforming content).
 *
 * - Error results, and tools without an outputSchema: unchanged.
 * - structuredContent present and conforming (the tool set's Ajv, compiled once per tool): unchanged.
 * - Otherwise (no JSON object body: a JSON array, text, an empty 204, a truncated body; or an
 *   object that does not conform; or a schema Ajv cannot compile): structuredContent is dropped
 *   and the body stays as text with a note saying why. When the client was shown the outputSchema
 *   (`listed`), the result is marked `isError: true`: it is the only shape both SDK clients accept
 *   from a tool that declared an outputSchema and cannot back it (a non-error result without
 *   structuredContent makes them throw, failing the whole call). The note says the upstream call
 *   itself succeeded, so a model does not repeat a write. When the outputSchema was not listed
 *   (call_tool in dynamic mode), nothing was claimed: `isError` stays false.
 */
export function enforceOutputSchema(
  result: ToolResult,
  compiled: CompiledTool,
  status: number,
  listed: boolean,
): ToolResult {
  if (result.isError || compiled.tool.outputSchema === undefined) return result;
  const validate = compiled.outputValidator();
  if (result.structuredContent !== undefined && validate?.(result.structuredContent)) return result;
  let why: string;
  if (!validate) why = 'the outputSchema cannot be checked';
  else if (result.structuredContent === undefined) why = 'the body is not a JSON object';
  else why = `it does not match the outputSchema: ${describeAjvErrors(validate.errors)}`;
  const { structuredContent: _dropped, ...rest } = result;
  const note = listed
    ? `[Note: the upstream call succeeded (HTTP ${status}); do not repeat it. Its response is returned as text only because ${why}.]`
    : `[Note: the response is returned as text only because ${why}.]`;
  return {
    ...rest,
    content: [...rest.content, { type: 'text', text: note }],
    ...(listed ? { isError: true } : {}),
  };
}

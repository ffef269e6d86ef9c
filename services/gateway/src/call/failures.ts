import { PorticoError } from '@portico/contracts';
import type { ToolResult } from '@portico/openapi-to-mcp';

/**
 * Arguments that fail a tool's inputSchema (or cannot be mapped to its request): VALIDATION_FAILED,
 * JSON-RPC -32602 Invalid params on the wire, `details` the validation errors. The upstream is
 * never called.
 */
export function invalidArguments(name: string, detail: string, details?: unknown): PorticoError {
  return new PorticoError(
    'VALIDATION_FAILED',
    `Invalid arguments for tool ${name}: ${detail}`,
    details,
  );
}

/** A failed call as a tool result (`isError: true`): what the model reads and can act on. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

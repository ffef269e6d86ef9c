import { codeToJsonRpc, codeToStatus, type ErrorCode } from '@portico/contracts';
import type { FastifyReply } from 'fastify';

/**
 * A JSON-RPC 2.0 error response (JSON-RPC 2.0 section 5) carrying Portico's error vocabulary in
 * `error.data`: `{ jsonrpc, id, error: { code, message, data: { code, requestId } } }`.
 */
export interface JsonRpcErrorBody {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string; data: { code: ErrorCode; requestId: string } };
}

/** The id of a parsed JSON-RPC request body, for echoing in an error; `null` when there is none. */
export function requestIdOf(body: unknown): string | number | null {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const id = (body as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

export function jsonRpcError(
  code: ErrorCode,
  message: string,
  requestId: string,
  id: string | number | null,
  jsonRpcCode: number = codeToJsonRpc(code),
): JsonRpcErrorBody {
  return { jsonrpc: '2.0', id, error: { code: jsonRpcCode, message, data: { code, requestId } } };
}

/**
 * Answers an HTTP-level failure of the MCP endpoint (before the SDK sees the message) with the
 * code's HTTP status and a JSON-RPC error body, which is what MCP clients parse.
 */
export function sendJsonRpcError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  body: unknown,
  options: { status?: number; jsonRpcCode?: number; headers?: Record<string, string> } = {},
): FastifyReply {
  reply.code(options.status ?? codeToStatus(code));
  if (options.headers) reply.headers(options.headers);
  return reply
    .type('application/json')
    .send(jsonRpcError(code, message, reply.request.id, requestIdOf(body), options.jsonRpcCode));
}

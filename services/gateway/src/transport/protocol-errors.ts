import { ProtocolError } from '@modelcontextprotocol/server';
import {
  classifyError,
  codeToJsonRpc,
  logInternalError,
  type PorticoError,
} from '@portico/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { JsonRpcErrorObject } from './jsonrpc.js';

/**
 * The one place an error met while serving an MCP message becomes a JSON-RPC error object
 * (JSON-RPC 2.0 section 5.1): `code` is the Portico code's JSON-RPC number (contracts'
 * ERROR_CODES: TOOL_NOT_FOUND and VALIDATION_FAILED -32602, UNAUTHENTICATED -32001, INTERNAL
 * -32603, ...), `data` is `{ code, requestId, details? }` with our code. Anything that is not a
 * PorticoError is a bug: logged by contracts' one rule (name and stack) and answered
 * `Internal error`, its message kept off the wire. Request-level refusals (405, 415, JSON parse
 * errors, 401/403) are answered by contracts' `installErrorHandling` from the same codes.
 */
export function toJsonRpcError(
  error: unknown,
  ctx: { log: FastifyBaseLogger; requestId: string },
  context: Record<string, unknown> = {},
): JsonRpcErrorObject {
  const known: PorticoError = classifyError(error);
  if (known.code === 'INTERNAL') logInternalError(ctx.log, error, context);
  const message = known.code === 'INTERNAL' ? 'Internal error' : known.message;
  const data = { code: known.code, requestId: ctx.requestId };
  return {
    code: codeToJsonRpc(known.code),
    message,
    data: known.details === undefined ? data : { ...data, details: known.details },
  };
}

/**
 * The same mapping for a handler run by the SDK's `Server`: the SDK puts a thrown ProtocolError's
 * code, message and data on the wire as they are (and any other error's message, which must not
 * leak), so every failure is rethrown as one.
 */
export function toSdkError(
  error: unknown,
  ctx: { log: FastifyBaseLogger; requestId: string },
  context: Record<string, unknown> = {},
): ProtocolError {
  const { code, message, data } = toJsonRpcError(error, ctx, context);
  return new ProtocolError(code, message, data);
}

import { JSONRPC_VERSION } from '@modelcontextprotocol/server';
import type { FastifyReply } from 'fastify';

/** A JSON-RPC 2.0 request id (JSON-RPC 2.0 section 4; MCP forbids `null`). */
export type RequestId = string | number;

/** The JSON-RPC 2.0 error object (section 5.1). */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

const CLOSE = Buffer.from('}');

/**
 * The serialized prefix of a success response up to the result: `{"jsonrpc":"2.0","id":<id>,
 * "result":`. The id is re-serialized with JSON.stringify, so a string id is escaped exactly as the
 * client sent it (after parsing) and nothing from the body is spliced in raw.
 */
function resultPrefix(id: RequestId): string {
  return `{"jsonrpc":"${JSONRPC_VERSION}","id":${JSON.stringify(id)},"result":`;
}

/**
 * Sends a JSON-RPC success response with HTTP 200 and `content-type: application/json` (the
 * Streamable HTTP transport's JSON response mode). `result` is either a value to serialize or an
 * already-serialized UTF-8 JSON buffer (a pre-serialized `tools/list` page), which is copied once
 * into the response and never re-encoded.
 */
export function sendResult(reply: FastifyReply, id: RequestId, result: unknown): FastifyReply {
  const payload =
    result instanceof Buffer
      ? Buffer.concat([Buffer.from(resultPrefix(id), 'utf8'), result, CLOSE])
      : `${resultPrefix(id)}${JSON.stringify(result)}}`;
  return reply.code(200).type('application/json').send(payload);
}

/**
 * Sends a JSON-RPC error response. Errors produced while serving a request (unknown tool, invalid
 * arguments, invalid cursor, internal failure) are in-band: HTTP 200, as both the 2025-era
 * transport and the 2026-07-28 ladder (`httpStatusForErrorCode(code, 'in-band')`) answer them.
 */
export function sendError(
  reply: FastifyReply,
  id: RequestId | null,
  error: JsonRpcErrorObject,
  status = 200,
): FastifyReply {
  const body = {
    jsonrpc: JSONRPC_VERSION,
    id,
    error: {
      code: error.code,
      message: error.message,
      ...(error.data !== undefined ? { data: error.data } : {}),
    },
  };
  return reply.code(status).type('application/json').send(JSON.stringify(body));
}

/**
 * Answers a notification (or a posted response): `202 Accepted` with no body, per the Streamable
 * HTTP transport ("the server MUST return HTTP status code 202 Accepted with no body").
 */
export function sendAccepted(reply: FastifyReply): FastifyReply {
  return reply.code(202).send();
}

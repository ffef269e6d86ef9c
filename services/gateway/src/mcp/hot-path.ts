import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { FastifyReply } from 'fastify';
import { callTool, pagesFor, type ToolCallContext } from './call-tool.js';
import type { HotMessage } from './hot-route.js';
import { type RequestId, sendAccepted, sendError, sendResult } from './jsonrpc.js';
import { INVALID_CURSOR_MESSAGE, modernResultFields } from './tool-pages.js';

/**
 * Answers one message {@link hotMessage} admitted, with no SDK `Server` or transport involved
 * (measured when the toolchain was chosen: a hand-written JSON-RPC handler runs at 0.63-1.08x of a
 * plain proxy, a per-request SDK server at ~0.1-0.3x). Responses are JSON (`application/json`), as
 * the SDK's `enableJsonResponse` mode and its modern leg's `auto` mode produce for a single result.
 *
 * - notification: `202 Accepted`, empty body (a stateless server has no in-flight request a
 *   `notifications/cancelled` could reach, and `notifications/initialized` changes nothing).
 * - `ping` (2025-era only): `{}`.
 * - `tools/list`: the page the cursor designates, serialized once per tool set and era;
 *   an unknown cursor is `-32602` (MCP pagination: "invalid cursors SHOULD result in -32602").
 * - `tools/call`: {@link callTool} (cached compiled Ajv validator, upstream call); its
 *   ProtocolErrors (unknown tool, invalid arguments) are in-band JSON-RPC errors; any other failure
 *   is logged and answered `-32603 Internal error` (internal messages stay off the wire).
 * On 2026-07-28 every result carries `resultType: "complete"` and the server identity in `_meta`,
 * as the SDK's encode contract stamps them.
 */
export async function serveHot(
  reply: FastifyReply,
  message: HotMessage,
  ctx: ToolCallContext,
): Promise<FastifyReply> {
  const { era, id, params } = message;
  if (message.method === 'notification' || id === undefined) return sendAccepted(reply);
  if (message.method === 'ping') return sendResult(reply, id, {});
  if (message.method === 'tools/list') {
    const pages = pagesFor(ctx);
    const index = pages.indexOf(params?.cursor);
    if (index === undefined) {
      return sendError(reply, id, {
        code: ProtocolErrorCode.InvalidParams,
        message: INVALID_CURSOR_MESSAGE,
      });
    }
    return sendResult(reply, id, pages.serialized(index, era));
  }
  return callAndAnswer(reply, id, message, ctx);
}

async function callAndAnswer(
  reply: FastifyReply,
  id: RequestId,
  message: HotMessage,
  ctx: ToolCallContext,
): Promise<FastifyReply> {
  // hotMessage admitted it: name is a string, arguments absent or a plain object.
  const params = message.params as { name: string; arguments?: Record<string, unknown> };
  try {
    const result = await callTool(ctx, params);
    if (message.era === 'legacy') return sendResult(reply, id, result);
    return sendResult(reply, id, {
      ...result,
      ...modernResultFields(ctx.toolSet.serverInfo, false),
    });
  } catch (error) {
    if (error instanceof ProtocolError) {
      return sendError(reply, id, { code: error.code, message: error.message, data: error.data });
    }
    ctx.log.error({ err: error, tool: params.name }, 'tools/call failed');
    return sendError(reply, id, {
      code: ProtocolErrorCode.InternalError,
      message: 'Internal error',
    });
  }
}

import type { FastifyReply } from 'fastify';
import { callTool } from '../call/call-tool.js';
import type { CallParams, ToolCallContext } from '../call/context.js';
import { modernResultFields } from '../tools/result-fields.js';
import type { HotMessage } from './hot-message.js';
import { sendAccepted, sendError, sendResult } from './jsonrpc.js';
import { toJsonRpcError } from './protocol-errors.js';
import { toolListPage } from './tool-list.js';

/**
 * Answers one message {@link hotMessage} admitted, with no SDK `Server` or transport involved
 * (measured when the toolchain was chosen: a hand-written JSON-RPC handler runs at 0.63-1.08x of a
 * plain proxy, a per-request SDK server at ~0.1-0.3x). Responses are JSON (`application/json`), as
 * the SDK's `enableJsonResponse` mode and its modern leg's `auto` mode produce for a single result.
 *
 * - notification: `202 Accepted`, empty body (a stateless server has no in-flight request a
 *   `notifications/cancelled` could reach, and `notifications/initialized` changes nothing).
 * - `ping` (2025-era only): `{}`.
 * - `tools/list`: the page the cursor designates, serialized once per tool set and era.
 * - `tools/call`: {@link callTool} (cached compiled Ajv validator, upstream call).
 * Failures (unknown tool, invalid arguments, invalid cursor, a bug) are in-band JSON-RPC errors
 * mapped by {@link toJsonRpcError}. On 2026-07-28 every result carries `resultType: "complete"`
 * and the server identity in `_meta`, as the SDK's encode contract stamps them.
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
    try {
      const { pages, index } = toolListPage(ctx, params?.cursor);
      return sendResult(reply, id, pages.serialized(index, era));
    } catch (error) {
      return sendError(reply, id, toJsonRpcError(error, ctx));
    }
  }
  // hotMessage admitted it: name is a string, arguments absent or a plain object.
  const call = params as unknown as CallParams;
  try {
    const result = await callTool(ctx, call);
    if (era === 'legacy') return sendResult(reply, id, result);
    return sendResult(reply, id, {
      ...result,
      ...modernResultFields(ctx.toolSet.serverInfo, false),
    });
  } catch (error) {
    return sendError(reply, id, toJsonRpcError(error, ctx, { tool: call.name }));
  }
}

import { PorticoError } from '@portico/contracts';
import type { ToolCallContext } from '../call/context.js';
import { INVALID_CURSOR_MESSAGE, type ToolPages } from '../tools/pages.js';

/**
 * The `tools/list` page a request designates: the caller's pages (an anonymous caller sees the
 * public tools only) and the index `cursor` points to. An invalid cursor (not ours, or past the
 * last page) throws VALIDATION_FAILED, JSON-RPC -32602 (MCP pagination: "invalid cursors SHOULD
 * result in -32602").
 */
export function toolListPage(
  ctx: ToolCallContext,
  cursor: unknown,
): { pages: ToolPages; index: number } {
  const pages = ctx.caller?.kind === 'anonymous' ? ctx.toolSet.publicPages : ctx.toolSet.pages;
  const index = pages.indexOf(cursor);
  if (index === undefined) throw new PorticoError('VALIDATION_FAILED', INVALID_CURSOR_MESSAGE);
  return { pages, index };
}

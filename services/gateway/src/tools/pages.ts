import type { ListedTool } from './listed-tool.js';
import { type Era, modernResultFields, type ServerIdentity } from './result-fields.js';

/** Tools per `tools/list` page unless configured: GitHub's 1,223 tools become 3 pages. */
export const DEFAULT_TOOLS_PAGE_SIZE = 500;

/** The invalid-params message for a cursor that is not ours (pagination spec: -32602). */
export const INVALID_CURSOR_MESSAGE = 'Invalid params: unknown or expired cursor';

/**
 * The `tools/list` result of one tool set, split into pages (MCP spec, server/utilities/pagination)
 * and serialized at most once per (page, era) for the tool set's lifetime, so answering a
 * `tools/list` costs a buffer concatenation, never a JSON.stringify of every schema.
 *
 * Cursors are opaque to clients; ours are `p<index>` (`p1` is the second page). A cursor that is
 * not one of ours, or points past the last page (the spec version changed between pages), is an
 * invalid-params error per the pagination spec.
 */
export class ToolPages {
  private readonly pages: ListedTool[][] = [];
  private readonly bytes: Record<Era, (Buffer | undefined)[]> = { legacy: [], modern: [] };

  constructor(
    tools: readonly ListedTool[],
    pageSize: number,
    private readonly serverInfo: ServerIdentity,
  ) {
    const size = Math.max(1, Math.floor(pageSize));
    for (let start = 0; start < tools.length; start += size) {
      this.pages.push(tools.slice(start, start + size));
    }
    if (this.pages.length === 0) this.pages.push([]);
  }

  /** Number of pages (at least 1, possibly empty). */
  get count(): number {
    return this.pages.length;
  }

  /**
   * The page a `params.cursor` designates: `0` for none, `undefined` for an invalid cursor
   * (not a string, not ours, or out of range).
   */
  indexOf(cursor: unknown): number | undefined {
    if (cursor === undefined) return 0;
    if (typeof cursor !== 'string' || !/^p[1-9][0-9]{0,6}$/.test(cursor)) return undefined;
    const index = Number(cursor.slice(1));
    return index < this.pages.length ? index : undefined;
  }

  /** The plain `ListToolsResult` of page `index` (2025-era shape; the SDK adds era fields itself). */
  result(index: number): { tools: ListedTool[]; nextCursor?: string } {
    const tools = this.pages[index] ?? [];
    return index + 1 < this.pages.length ? { tools, nextCursor: `p${index + 1}` } : { tools };
  }

  /** The UTF-8 JSON of page `index`'s result for `era`, serialized on first use and kept. */
  serialized(index: number, era: Era): Buffer {
    const cached = this.bytes[era][index];
    if (cached) return cached;
    const base = this.result(index);
    const result =
      era === 'modern' ? { ...base, ...modernResultFields(this.serverInfo, true) } : base;
    const bytes = Buffer.from(JSON.stringify(result), 'utf8');
    this.bytes[era][index] = bytes;
    return bytes;
  }
}

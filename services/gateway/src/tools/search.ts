import type { CuratedTool } from '@portico/openapi-to-mcp';
import MiniSearch from 'minisearch';

/** One search hit as search_tools returns it. */
export interface ToolHit {
  name: string;
  title?: string;
  /** The first sentence or 200 characters of the description. */
  description: string;
  /** MiniSearch's BM25+ score (higher is better; only comparable within one answer). */
  score: number;
}

/** Longest description in a hit, characters: enough to choose, short enough for 50 hits. */
const SHORT_DESCRIPTION = 200;

/**
 * Words of a tool name, title or description: split on anything not a letter or digit and at
 * camelCase humps (`issues_create` -> issues, create; `listPets` -> list, pets), lowercased.
 */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * A full-text index over one tool set's tools (MiniSearch, BM25+), built once per tool set on
 * the first search: GitHub's 1,223 tools index in well under a second. Fields: name (boosted 3x:
 * operation names say what a tool does), title and tags (2x), description. Queries match words by
 * prefix (`issue` finds `issues`) and tolerate a typo in words of 5+ characters; all words count
 * (OR), tools matching more of them rank first.
 */
export class ToolSearch {
  private readonly index: MiniSearch;
  private readonly byName = new Map<string, CuratedTool>();

  constructor(tools: readonly CuratedTool[]) {
    this.index = new MiniSearch({
      fields: ['name', 'title', 'tags', 'description'],
      idField: 'name',
      tokenize,
      searchOptions: {
        boost: { name: 3, title: 2, tags: 2 },
        prefix: true,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    this.index.addAll(
      tools.map((tool) => ({
        name: tool.name,
        title: tool.title ?? '',
        tags: (tool.tags ?? []).join(' '),
        description: tool.description,
      })),
    );
    for (const tool of tools) this.byName.set(tool.name, tool);
  }

  /** The `limit` best tools for `query` (words), best first; empty for a query without words. */
  search(query: string, limit: number): ToolHit[] {
    if (tokenize(query).length === 0) return [];
    const hits: ToolHit[] = [];
    for (const result of this.index.search(query)) {
      const tool = this.byName.get(String(result.id));
      if (!tool) continue;
      hits.push({
        name: tool.name,
        ...(tool.title !== undefined ? { title: tool.title } : {}),
        description: shorten(tool.description),
        score: Math.round(result.score * 1000) / 1000,
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

function shorten(description: string): string {
  const firstParagraph = description.split(/\n\s*\n/)[0] ?? '';
  const sentence = /^(.{10,}?[.!?])(\s|$)/s.exec(firstParagraph)?.[1] ?? firstParagraph;
  const text = sentence.replace(/\s+/g, ' ').trim();
  return text.length > SHORT_DESCRIPTION ? `${text.slice(0, SHORT_DESCRIPTION - 1)}…` : text;
}

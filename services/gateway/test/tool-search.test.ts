import type { CuratedTool } from '@portico/openapi-to-mcp';
import { describe, expect, it } from 'vitest';
import { ToolSearch, tokenize } from '../src/tools/search.js';

function tool(name: string, description: string, tags: string[] = []): CuratedTool {
  return {
    name,
    description,
    inputSchema: { type: 'object' },
    annotations: {},
    tags,
    binding: { method: 'get', path: `/${name}`, parameters: [] },
  };
}

describe('tool search', () => {
  it('splits names at separators and camelCase humps', () => {
    expect(tokenize('issues_create')).toEqual(['issues', 'create']);
    expect(tokenize('listPetsByTag')).toEqual(['list', 'pets', 'by', 'tag']);
    expect(tokenize('repos/get-content')).toEqual(['repos', 'get', 'content']);
  });

  it('ranks the tool whose name carries the words first, matching word prefixes', () => {
    const search = new ToolSearch([
      tool('issues_list', 'List issues assigned to you.'),
      tool('issues_create', 'Create an issue. Anyone with pull access can create issues.'),
      tool('repos_create', 'Create a repository for the authenticated user.'),
      tool('gists_get', 'Gets a gist.'),
    ]);
    const hits = search.search('create issue', 3);
    expect(hits[0]?.name).toBe('issues_create');
    expect(hits[0]?.description).toBe('Create an issue.');
    expect(hits.map((h) => h.name)).not.toContain('gists_get');
    expect(search.search('  ', 5)).toEqual([]);
    expect(search.search('create', 1)).toHaveLength(1);
  });
});

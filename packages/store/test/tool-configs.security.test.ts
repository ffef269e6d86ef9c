import { applyToolConfig, type ToolConfig } from '@portico/openapi-to-mcp';
import { afterAll, describe, expect, it } from 'vitest';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

/**
 * Override keys are tool names, which come from documents: `constructor` made the SDK's
 * marshalling throw (a 500 on PUT tool-config), so such a tool could never be renamed.
 * JSON text, because JSON.parse makes `__proto__` an own key (an object literal would not).
 */
const OVERRIDES = JSON.parse(`{
  "constructor": {"name": "make", "public": true},
  "__proto__": {"description": "proto"},
  "toString": {"name": "to_text"},
  "hasOwnProperty": {"description": "own"}
}`);

describe('tool configurations keyed by object machinery names', () => {
  it('stores and reads back overrides of `constructor`, `__proto__`, `toString`, `hasOwnProperty`', async () => {
    const org = await freshOrg(store);
    const server = await store.servers.create(org.orgId, {
      slug: uniqueSlug(),
      name: 'keys',
      access: 'public',
    });
    const config: ToolConfig = { mode: 'all', selection: {}, overrides: OVERRIDES };
    const written = await store.toolConfigs.put(org.orgId, server.serverId, config);
    const read = await store.toolConfigs.get(org.orgId, server.serverId);
    for (const record of [written, read]) {
      expect(Object.entries(record?.overrides ?? {})).toEqual(Object.entries(OVERRIDES));
      // Null prototype: a name nobody configured finds nothing.
      expect(Object.getPrototypeOf(record?.overrides)).toBeNull();
      expect((record?.overrides as Record<string, unknown> | undefined)?.valueOf).toBeUndefined();
    }
  });

  it('curation applies them by own key only', () => {
    const tool = (name: string) => ({
      name,
      description: name,
      inputSchema: { type: 'object' as const },
      annotations: {},
      binding: { method: 'get' as const, path: `/${name}`, parameters: [] },
    });
    const tools = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'].map(tool);
    const result = applyToolConfig(tools, { mode: 'all', selection: {}, overrides: OVERRIDES });
    expect(result.tools.map((x) => [x.name, x.description])).toEqual([
      ['make', 'constructor'],
      ['to_text', 'toString'],
      ['hasOwnProperty', 'own'],
      ['valueOf', 'valueOf'],
    ]);
    expect(result.issues).toEqual([
      { tool: '__proto__', message: 'no tool "__proto__" in this version' },
    ]);
  });
});

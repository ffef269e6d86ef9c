import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { specTypeSchemas } from '@modelcontextprotocol/client';
import { ListToolsResultSchema as V1ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator as V1AjvValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { compileToolSet } from '@portico/gateway';
import { convertOpenApi } from '@portico/openapi-to-mcp';
import { describe, expect, it } from 'vitest';

/**
 * Issue 8 item 11: every tools/list the gateway serves for every document of the shared corpus
 * (../shared/openapi: real/ and examples/, copied into the repository) is accepted by both MCP SDK
 * clients, so no flawed schema of a real API takes a whole server down. Cheap by design: no
 * platform, no Prism; each document is converted, compiled into the gateway's own tool set, and
 * each page's served bytes, on both revisions (2025-11-25 and 2026-07-28), are parsed with
 * - the v1 client's `ListToolsResultSchema` (`@modelcontextprotocol/sdk`), plus the compile of
 *   every listed outputSchema with the v1 client's own Ajv validator, which its `listTools` runs
 *   (a throw there fails the whole list too);
 * - the v2 client's `specTypeSchemas.ListToolsResult` (`@modelcontextprotocol/client`; its
 *   per-revision wire schemas are not public: services/gateway/test/tool-list.clients.error.test.ts
 *   runs the real v1 and v2 clients, on both revisions, against a tool list with such a slip).
 * Before the fix 3 of 88 documents failed (vercel.com, codat.io sync-for-commerce and
 * sync-for-expenses: `additionalProperties: false` written inside `properties`).
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'openapi');
const GITHUB = join(
  import.meta.dirname,
  ...['..', '..', 'packages', 'store', 'test', 'fixtures', 'api.github.com.json.gz'],
);
const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'openapi');

interface Document {
  name: string;
  path: string;
}

function listDir(dir: string): Document[] {
  return readdirSync(dir)
    .filter((f) => /\.(json|ya?ml)(\.gz)?$/.test(f))
    .sort()
    .map((name) => ({ name, path: join(dir, name) }));
}

/** The real documents (corpus/, GitHub from the store's fixtures) and the OAI examples. */
const DOCUMENTS: Document[] = [
  ...listDir(join(FIXTURES, 'corpus')),
  { name: 'api.github.com.json.gz', path: GITHUB },
  ...listDir(join(FIXTURES, 'examples')),
];

function read(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function issues(result: { issues?: readonly { path?: readonly unknown[]; message: string }[] }) {
  return (result.issues ?? []).map((i) => `${(i.path ?? []).join('.')}: ${i.message}`);
}

it('the copies cover the shared corpus: 77 real documents and 11 examples', () => {
  const names = new Set(DOCUMENTS.map((d) => d.name.replace(/\.gz$/, '')));
  expect(listDir(join(FIXTURES, 'examples'))).toHaveLength(11);
  expect(DOCUMENTS.length).toBeGreaterThanOrEqual(88);
  // Next to a checkout with the shared corpus, every document of it has its copy here.
  if (existsSync(SHARED)) {
    for (const dir of ['real', 'examples']) {
      for (const { name } of listDir(join(SHARED, dir))) {
        expect(names, `${dir}/${name}`).toContain(name.replace(/\.gz$/, ''));
      }
    }
  }
});

describe.each(DOCUMENTS)('$name', ({ name, path }) => {
  it('every served tools/list page parses with the v1 and the v2 client schemas', () => {
    const { manifest } = convertOpenApi(read(path));
    const toolSet = compileToolSet(`corpus:${name}`, 'corpus', manifest);
    const refused: string[] = [];
    const compiled = new Set<string>();
    const v1Ajv = new V1AjvValidator();
    let listed = 0;
    for (let page = 0; page < toolSet.pages.count; page++) {
      for (const era of ['legacy', 'modern'] as const) {
        const served: unknown = JSON.parse(toolSet.pages.serialized(page, era).toString('utf8'));
        const v1 = V1ListToolsResultSchema.safeParse(served);
        if (!v1.success) refused.push(...issues(v1.error).map((i) => `v1 ${era} p${page} ${i}`));
        const v2 = specTypeSchemas.ListToolsResult['~standard'].validate(served);
        refused.push(...issues(v2).map((i) => `v2 ${era} p${page} ${i}`));
        if (era === 'modern') continue;
        const { tools } = served as { tools: { name: string; outputSchema?: object }[] };
        listed += tools.length;
        for (const tool of tools) {
          if (tool.outputSchema === undefined) continue;
          // Identical schemas compile identically: each distinct one once keeps GitHub cheap.
          const key = JSON.stringify(tool.outputSchema);
          if (compiled.has(key)) continue;
          compiled.add(key);
          try {
            v1Ajv.getValidator(tool.outputSchema as never);
          } catch (error) {
            refused.push(`v1 outputSchema of ${tool.name}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(listed).toBe(manifest.tools.length);
    expect(refused, refused.slice(0, 10).join('\n')).toEqual([]);
  }, 60_000);
});

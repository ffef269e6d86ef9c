import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convertOpenApi, type JsonSchema } from '../src/index.js';
import { strictAjv } from './helpers.js';

/**
 * The repository's copies of the real documents and the OpenAPI Initiative's examples
 * (test/fixtures/openapi/README.md); GitHub's 13 MB description is kept with the store's fixtures.
 */
const openapi = fileURLToPath(new URL('../../../test/fixtures/openapi/', import.meta.url));
const github = fileURLToPath(
  new URL('../../store/test/fixtures/api.github.com.json.gz', import.meta.url),
);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function documents(): { name: string; path: string }[] {
  const dirs = [`${openapi}examples/`, `${openapi}corpus/`];
  const listed = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.(json|yaml|gz)$/.test(f))
      .map((f) => ({ name: f, path: dir + f })),
  );
  return [...listed, { name: 'api.github.com.json.gz', path: github }];
}

function read(path: string): Buffer {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** Operations counted straight from the document, independently of the converter. */
function countOperations(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  const doc = (text.trimStart().startsWith('{') ? JSON.parse(text) : parse(text)) as {
    paths?: Record<string, Record<string, unknown>>;
  };
  let count = 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (path.startsWith('x-')) continue;
    for (const method of METHODS) if (item[method] !== undefined) count++;
  }
  return count;
}

describe('every document of the corpus', () => {
  const ajv = strictAjv();
  it.each(documents())(
    '$name converts, reports every operation, and its schemas compile as 2020-12',
    ({ path }) => {
      const bytes = read(path);
      const { manifest, report } = convertOpenApi(bytes);
      const { counts } = report;
      expect(counts.operations).toBe(countOperations(bytes));
      expect(report.operations).toHaveLength(counts.operations);
      expect(counts.converted + counts.renamed + counts.skipped).toBe(counts.operations);
      expect(manifest.tools).toHaveLength(counts.converted + counts.renamed);
      const names = new Set(manifest.tools.map((t) => t.name));
      expect(names.size).toBe(manifest.tools.length);
      for (const tool of manifest.tools) {
        expect(tool.name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
        expect(tool.inputSchema.type).toBe('object');
        for (const arg of Object.keys(tool.inputSchema.properties as object)) {
          expect(arg).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
        }
      }
      // Tools of one document share `$defs` names and shaped schemas, so compiling every tool root
      // against the union of its document's `$defs` checks each schema once instead of per tool.
      for (const key of ['inputSchema', 'outputSchema'] as const) {
        const combined = { $defs: {} as Record<string, JsonSchema>, anyOf: [] as JsonSchema[] };
        manifest.tools.forEach((tool, i) => {
          const schema = tool[key];
          if (schema === undefined) return;
          const { $defs, ...root } = schema;
          Object.assign(combined.$defs, $defs);
          combined.$defs[`tool ${i}`] = root;
          combined.anyOf.push({ $ref: `#/$defs/tool%20${i}` });
        });
        if (combined.anyOf.length === 0) continue;
        ajv.compile(combined);
        ajv.removeSchema();
      }
      // And a few tools exactly as a client receives them.
      for (const tool of manifest.tools.slice(0, 5)) {
        ajv.compile(tool.inputSchema);
        if (tool.outputSchema !== undefined) ajv.compile(tool.outputSchema);
        ajv.removeSchema();
      }
    },
  );
});

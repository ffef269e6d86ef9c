import { isObject, setOwn } from './json.js';
import type { JsonSchema } from './manifest.js';

/** Keys whose values are data, never schemas: a `$ref` key inside them is not a reference. */
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'required']);

/**
 * Replaces every `#/$defs/<name>` reference of a tool schema by a copy of the definition, for
 * clients that ignore `$defs`, and drops `$defs`. A reference nested more than `depth`
 * references deep (recursion, or just deep graphs) becomes `{}` (accepts anything) and is counted
 * in `cut`. Siblings of a `$ref` are kept beside an `allOf` of the definition. Copies are made, so
 * shared `$defs` objects are never mutated. Size grows with depth: keep it small (2-4).
 */
export function inlineDefs(schema: JsonSchema, depth: number): { schema: JsonSchema; cut: number } {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const { $defs: _defs, ...root } = schema;
  let cut = 0;
  const visit = (node: unknown, level: number): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, level));
    if (!isObject(node)) return node;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const name = decodeURIComponent(ref.slice('#/$defs/'.length));
      const target = Object.hasOwn(defs, name) ? defs[name] : undefined;
      const { $ref: _ref, ...siblings } = node;
      if (level >= depth || target === undefined) {
        cut++;
        return Object.keys(siblings).length > 0 ? visit(siblings, level) : {};
      }
      const inlined = visit(target, level + 1);
      if (Object.keys(siblings).length === 0) return inlined;
      return { ...(visit(siblings, level) as JsonSchema), allOf: [inlined] };
    }
    const out: JsonSchema = {};
    for (const key of Object.keys(node)) {
      setOwn(out, key, DATA_KEYS.has(key) ? node[key] : visit(node[key], level));
    }
    return out;
  };
  return { schema: visit(root, 0) as JsonSchema, cut };
}

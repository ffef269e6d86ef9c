import { asObjectSchema } from './boolean-schemas.js';
import { isObject, type JsonObject, own, setOwn } from './json.js';
import type { JsonSchema } from './manifest.js';

/** Keywords whose value is a map of schemas that each name a value (JSON Schema 2020-12 10.3.2). */
const MEMBER_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
/** Keywords whose value is a list of schemas that each name a value (10.2.1, 10.3.1.1). */
const MEMBER_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords holding one subschema, boolean allowed as a switch: walked into when an object. */
const SINGLE = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
] as const;

/**
 * A stored schema as listed to MCP clients: every boolean subschema that names a value (under
 * `properties`, `patternProperties`, `$defs`, `dependentSchemas`, `allOf`, `anyOf`, `oneOf`,
 * `prefixItems`) becomes `{}` (true) or `{"not": {}}` (false), which mean the same (JSON Schema
 * 2020-12 section 4.3.2) and which the v1 MCP SDK client accepts, where it refuses the whole
 * tools/list over one boolean. The generator already writes schemas this way; this serves
 * manifests stored before it did. Returns `schema` itself when nothing changes (copy on write);
 * never mutates its input. Maps are rebuilt as null-prototype objects (keys are document data).
 */
export function listedSchema(schema: JsonSchema): JsonSchema {
  let out: JsonSchema | undefined;
  const set = (key: string, value: unknown): void => {
    out ??= { ...schema };
    setOwn(out, key, value);
  };
  for (const key of MEMBER_MAPS) {
    const map = own(schema, key);
    if (!isObject(map)) continue;
    let copy: JsonObject | undefined;
    for (const name of Object.keys(map)) {
      const next = member(map[name]);
      if (next === map[name]) continue;
      if (copy === undefined) {
        copy = Object.create(null) as JsonObject;
        for (const k of Object.keys(map)) setOwn(copy, k, map[k]);
      }
      setOwn(copy, name, next);
    }
    if (copy !== undefined) set(key, copy);
  }
  for (const key of MEMBER_LISTS) {
    const list = own(schema, key);
    if (!Array.isArray(list)) continue;
    const next = list.map(member);
    if (next.some((m, i) => m !== list[i])) set(key, next);
  }
  for (const key of SINGLE) {
    const sub = own(schema, key);
    const next = isObject(sub) ? listedSchema(sub as JsonSchema) : sub;
    if (next !== sub) set(key, next);
  }
  return out ?? schema;
}

/** A schema naming a value: a boolean as an object, an object walked. */
function member(value: unknown): unknown {
  if (typeof value === 'boolean') return asObjectSchema(value);
  return isObject(value) ? listedSchema(value as JsonSchema) : value;
}

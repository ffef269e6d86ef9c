import type { JsonSchema } from './manifest.js';

/**
 * JSON Schema 2020-12 section 4.3.2 boolean schemas as objects: `true` is `{}`, `false` is
 * `{ "not": {} }` (same meaning). MCP clients need objects where a schema names a value: the v1 SDK
 * client's `ListToolsResultSchema` requires every `inputSchema.properties` / `outputSchema.properties`
 * entry to be an object and rejects the whole `tools/list` otherwise.
 */
export function asObjectSchema(schema: JsonSchema | boolean): JsonSchema {
  if (typeof schema !== 'boolean') return schema;
  return schema ? {} : { not: {} };
}

/** JSON Schema keywords, to recognise one written as a property name by mistake. */
const KEYWORD_NAMES = new Set([
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'properties',
  'patternProperties',
  'required',
  'type',
]);

/**
 * The conversion report's warning for a boolean schema at `pointer` served as an object, with a
 * hint when the property is named like a keyword (Vercel's `additionalProperties: false` written
 * inside `properties`).
 */
export function booleanSchemaWarning(pointer: string, value: boolean): string {
  const name = pointer.slice(pointer.lastIndexOf('/') + 1);
  const hint =
    /\/properties\/[^/]+$/.test(pointer) && KEYWORD_NAMES.has(name)
      ? ` (a property named "${name}": the keyword written inside "properties"?)`
      : '';
  return `boolean schema ${value} served as ${JSON.stringify(asObjectSchema(value))}${hint}: MCP clients refuse a tool list whose property schema is a boolean`;
}

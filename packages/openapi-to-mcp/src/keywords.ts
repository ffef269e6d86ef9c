import { isObject, type JsonObject, own } from './json.js';
import type { JsonSchema } from './manifest.js';

/**
 * JSON Schema 2020-12 vocabulary the shaper keeps. Everything else (OpenAPI's `discriminator`,
 * `xml`, `externalDocs`, `example`, `nullable`, `x-*`, unknown words) is dropped so that strict
 * validators (ajv's default strict mode rejects unknown keywords) accept every tool schema.
 */

export const JSON_TYPES = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null',
]);

/** Keywords whose value is a schema. */
export const SUBSCHEMA_KEYWORDS = new Set([
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** Keywords whose value is a non-empty array of schemas. */
export const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Keywords whose value is a number (counts are also checked to be non-negative integers). */
export const NUMBER_KEYWORDS = new Set(['minimum', 'maximum']);
export const COUNT_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minContains',
  'maxContains',
]);

export const STRING_KEYWORDS = new Set([
  'title',
  'description',
  'contentMediaType',
  'contentEncoding',
]);

export const BOOLEAN_KEYWORDS = new Set(['uniqueItems', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * Formats kept: those of JSON Schema 2020-12 and OpenAPI's registry that ajv-formats knows. An
 * unknown format makes a strict ajv refuse the whole schema, so others are dropped.
 */
export const KNOWN_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

export function shapeType(value: unknown): string | string[] | undefined {
  if (value === 'file') return 'string';
  if (typeof value === 'string') return JSON_TYPES.has(value) ? value : undefined;
  if (!Array.isArray(value)) return undefined;
  const types = [...new Set(value.filter((t): t is string => JSON_TYPES.has(t as string)))];
  return types.length > 0 ? types : undefined;
}

export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Keywords whose value is data, not a schema. Unknown keywords are dropped. */
export function shapeLeafKeyword(
  out: JsonSchema,
  key: string,
  value: unknown,
  schema: JsonObject,
): void {
  if (STRING_KEYWORDS.has(key) || BOOLEAN_KEYWORDS.has(key)) {
    if (typeof value === (STRING_KEYWORDS.has(key) ? 'string' : 'boolean')) out[key] = value;
  } else if (NUMBER_KEYWORDS.has(key)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  } else if (COUNT_KEYWORDS.has(key)) {
    if (Number.isInteger(value) && (value as number) >= 0) out[key] = value;
  } else if (key === 'multipleOf') {
    if (typeof value === 'number' && value > 0) out[key] = value;
  } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
    // OpenAPI 3.0 / draft 4 boolean form: the bound is `minimum`/`maximum`, made exclusive.
    const bound = own(schema, key === 'exclusiveMinimum' ? 'minimum' : 'maximum');
    if (typeof value === 'number') out[key] = value;
    else if (value === true && typeof bound === 'number') out[key] = bound;
  } else if (key === 'enum') {
    if (Array.isArray(value) && value.length > 0) out.enum = value;
  } else if (key === 'const' || key === 'default') {
    out[key] = value;
  } else if (key === 'required') {
    if (Array.isArray(value)) {
      const names = [...new Set(value.filter((v): v is string => typeof v === 'string'))];
      if (names.length > 0) out.required = names;
    }
  } else if (key === 'dependentRequired') {
    if (isObject(value)) out[key] = value;
  } else if (key === 'format') {
    if (typeof value === 'string' && KNOWN_FORMATS.has(value)) out.format = value;
  } else if (key === 'pattern') {
    if (typeof value === 'string' && isValidPattern(value)) out.pattern = value;
  }
}

/** Keywords that only constrain one kind of value (JSON Schema 2020-12 validation vocabulary). */
const APPLIES_TO: [string[], string[]][] = [
  [['string'], ['minLength', 'maxLength', 'pattern']],
  [
    ['number', 'integer'],
    ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  ],
  [['array'], ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains']],
  [
    ['object'],
    ['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'],
  ],
];

/**
 * Drops keywords that cannot apply to the declared type (e.g. Kubernetes' `uniqueItems` on string
 * parameters): they constrain nothing, and strict validators flag them.
 */
function dropInapplicable(out: JsonSchema): void {
  const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type as string];
  for (const [kinds, words] of APPLIES_TO) {
    if (kinds.some((k) => types.includes(k))) continue;
    for (const word of words) delete out[word];
  }
}

const COMPOSED = ['allOf', 'anyOf', 'oneOf', 'not', 'if', '$ref'];
const OBJECT_WORDS = ['properties', 'additionalProperties', 'patternProperties', 'required'];

/** Post-processing that needs the whole object: nullability, bounds, pruned `required`. */
export function finish(out: JsonSchema, source: JsonObject): JsonSchema {
  if (out.type === undefined && !COMPOSED.some((k) => out[k] !== undefined)) {
    // OpenAPI authors often omit `type` beside `properties`/`items`; strict validators (ajv
    // strictTypes) want it, and the intent is never in doubt.
    if (OBJECT_WORDS.some((k) => out[k] !== undefined)) out.type = 'object';
    else if (out.items !== undefined || out.prefixItems !== undefined) out.type = 'array';
  }
  if (out.type !== undefined) dropInapplicable(out);
  if (own(source, 'exclusiveMinimum') === true && typeof out.exclusiveMinimum === 'number') {
    delete out.minimum;
  }
  if (own(source, 'exclusiveMaximum') === true && typeof out.exclusiveMaximum === 'number') {
    delete out.maximum;
  }
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const properties = out.properties;
    const sourceProperties = own(source, 'properties');
    // Only names removed as readOnly/writeOnly are pruned; required names without a schema stay.
    const kept = (out.required as string[]).filter(
      (name) => own(properties, name) !== undefined || own(sourceProperties, name) === undefined,
    );
    if (kept.length > 0) out.required = kept;
    else delete out.required;
  }
  if (own(source, 'nullable') === true || own(source, 'x-nullable') === true) {
    return makeNullable(out);
  }
  return out;
}

/** OpenAPI 3.0 `nullable: true` in 2020-12 terms (OpenAPI 3.1 section 4.8.24, "null" type). */
function makeNullable(out: JsonSchema): JsonSchema {
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  if (out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined) {
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

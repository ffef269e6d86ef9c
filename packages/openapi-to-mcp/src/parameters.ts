import { setOwn } from './json.js';
import type { JsonSchema, ParameterBinding, ParameterLocation } from './manifest.js';
import type { NormParameter } from './model.js';
import { sanitizeName, uniqueName } from './names.js';
import type { SchemaShaper } from './schema.js';

const LOCATION_ORDER: ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

/** The inputSchema under construction: properties, required names, `$defs` names used. */
export interface InputDraft {
  properties: Record<string, JsonSchema | boolean>;
  required: string[];
  refs: Set<string>;
  /** Argument names in use (parameters first, then body properties). */
  taken: Set<string>;
  notes: string[];
}

/**
 * Adds one argument per parameter. Argument names are the parameter names made valid for MCP
 * clients (`[A-Za-z0-9_.-]`); when one name is used in several locations, the first in the order
 * path, query, header, cookie keeps it and the others become `<in>_<name>` (noted).
 */
export function addParameters(
  draft: InputDraft,
  parameters: NormParameter[],
  shaper: SchemaShaper,
): ParameterBinding[] {
  const ordered = LOCATION_ORDER.flatMap((location) => parameters.filter((p) => p.in === location));
  const seenRawNames = new Set<string>();
  const bindings: ParameterBinding[] = [];
  for (const param of ordered) {
    const duplicate = seenRawNames.has(param.name);
    seenRawNames.add(param.name);
    const base = sanitizeName(duplicate ? `${param.in}_${param.name}` : param.name) || param.in;
    const arg = uniqueName(base, draft.taken);
    draft.taken.add(arg);
    if (arg !== param.name) {
      draft.notes.push(`${param.in} parameter "${param.name}" is argument "${arg}"`);
    }
    const shaped = shaper.shape(param.schema, param.pointer, 'input');
    for (const ref of shaped.refs) draft.refs.add(ref);
    const schema = mustBeNonEmpty(param)
      ? nonEmpty(shaped.schema, (ref) => shaper.definition(ref, 'input'))
      : shaped.schema;
    setOwn(draft.properties, arg, withDocs(schema, param.description, param.deprecated));
    if (param.required) draft.required.push(arg);
    bindings.push(toBinding(param, arg));
  }
  return bindings;
}

/**
 * Whether an empty string is no value for this parameter: path parameters are always required and
 * an empty one leaves an empty path segment (`/a//b`); a required query, header or cookie parameter
 * sent empty (`ids=`) is missing unless it says `allowEmptyValue: true` (OpenAPI 3.1 section
 * 4.8.12.2). Parameters with `content` are sent as JSON text, never empty.
 */
function mustBeNonEmpty(param: NormParameter): boolean {
  if (param.contentType !== undefined) return false;
  return param.in === 'path' || (param.required && param.allowEmptyValue !== true);
}

/** Keywords that say what a schema without `type` describes only strings (a string-ish schema). */
const STRING_ONLY = ['pattern', 'maxLength', 'contentEncoding', 'contentMediaType'];
const NON_STRING_FORMATS = new Set(['int32', 'int64', 'float', 'double']);

/**
 * Adds `minLength: 1` to a parameter schema that accepts strings: `type: "string"` or a type array
 * with "string" ("null" and others untouched: minLength only constrains strings), an untyped schema
 * that is string-ish (pattern, string format or enum of strings), a `$ref` to one of those (as
 * `allOf: [{ $ref }]` beside the referenced type, so strict validators know the keyword's type),
 * or the string branches of an `anyOf`/`oneOf`.
 * An explicit minLength (even 0) is kept; enums and consts are left alone unless "" is one of several
 * enum values.
 */
export function nonEmpty(
  schema: JsonSchema | boolean,
  definition: (ref: string) => JsonSchema | undefined,
): JsonSchema | boolean {
  if (typeof schema === 'boolean') return schema;
  if (typeof schema.$ref === 'string') {
    const target = definition(schema.$ref);
    if (target === undefined || !acceptsStrings(target) || target.minLength !== undefined) {
      return schema;
    }
    if (!admitsEmpty(target)) return schema;
    const { $ref, ...docs } = schema;
    return {
      ...docs,
      allOf: [{ $ref }],
      ...(target.type !== undefined ? { type: target.type } : {}),
      minLength: 1,
    };
  }
  for (const key of ['anyOf', 'oneOf']) {
    const members = schema[key];
    if (schema.type === undefined && Array.isArray(members)) {
      // Vercel's `idOrName`: `oneOf: [{ type: string }, { type: boolean }]`: each string branch.
      const mapped = members.map((m) => nonEmpty(m as JsonSchema | boolean, definition));
      return mapped.some((m, i) => m !== members[i]) ? { ...schema, [key]: mapped } : schema;
    }
  }
  if (!acceptsStrings(schema) || schema.minLength !== undefined || !admitsEmpty(schema)) {
    return schema;
  }
  return { ...schema, minLength: 1 };
}

function acceptsStrings(schema: JsonSchema): boolean {
  const { type } = schema;
  if (type === 'string') return true;
  if (Array.isArray(type)) return type.includes('string');
  if (type !== undefined) return false;
  for (const key of ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if']) {
    if (schema[key] !== undefined) return false;
  }
  if (Array.isArray(schema.enum)) return schema.enum.every((v) => typeof v === 'string');
  if (schema.const !== undefined) return typeof schema.const === 'string';
  if (typeof schema.format === 'string') return !NON_STRING_FORMATS.has(schema.format);
  return STRING_ONLY.some((key) => schema[key] !== undefined);
}

/**
 * Whether a schema still admits "" that minLength should take away: a `const` is left as written,
 * an enum only when "" is one of several choices.
 */
function admitsEmpty(schema: JsonSchema): boolean {
  if (schema.const !== undefined) return false;
  if (Array.isArray(schema.enum))
    return schema.enum.includes('') && schema.enum.some((v) => v !== '');
  return true;
}

/** The parameter's own description wins over its schema's (it documents this use of it). */
export function withDocs(
  schema: JsonSchema | boolean,
  description: string | undefined,
  deprecated?: boolean,
): JsonSchema | boolean {
  if (description === undefined && deprecated !== true) return schema;
  const base: JsonSchema =
    typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : { ...schema };
  if (description !== undefined && description.trim() !== '') base.description = description;
  if (deprecated === true) base.deprecated = true;
  return base;
}

function toBinding(param: NormParameter, arg: string): ParameterBinding {
  const binding: ParameterBinding = {
    arg,
    name: param.name,
    in: param.in,
    required: param.required,
  };
  if (param.style !== undefined) binding.style = param.style;
  if (param.explode !== undefined) binding.explode = param.explode;
  if (param.allowReserved === true) binding.allowReserved = true;
  if (param.contentType !== undefined) binding.contentType = param.contentType;
  return binding;
}

import { setOwn } from './json.js';
import type { JsonSchema, ParameterBinding, ParameterLocation } from './manifest.js';
import type { NormParameter } from './model.js';
import { sanitizeName, uniqueName } from './naming.js';
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
    setOwn(draft.properties, arg, withDocs(shaped.schema, param.description, param.deprecated));
    if (param.required) draft.required.push(arg);
    bindings.push(toBinding(param, arg));
  }
  return bindings;
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

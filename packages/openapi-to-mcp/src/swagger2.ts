import type { OpenAPIV2 } from 'openapi-types';
import { appendPointer, isObject, type JsonObject, own, ownString, setOwn } from './json.js';
import type { ParameterLocation, PropertyEncoding } from './manifest.js';
import type {
  NormBody,
  NormOperation,
  NormParameter,
  NormResponse,
  RawOperation,
} from './model.js';
import type { RefResolver } from './refs.js';

/** Swagger 2.0 parameter fields that are also JSON Schema keywords (Swagger 2.0 "Parameter Object"). */
const SCHEMA_FIELDS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
] as const satisfies readonly (keyof OpenAPIV2.ItemsObject)[];

/**
 * Swagger 2.0 `collectionFormat` -> OpenAPI 3 style/explode (OpenAPI 3.0 section 4.7.12.4).
 * `tsv` has no OpenAPI 3 style: it maps to Portico's own `tabDelimited` (tab-separated, `%09`),
 * which only the request builder reads.
 */
const COLLECTION_FORMATS: Record<string, { style?: string; explode: boolean }> = {
  csv: { explode: false },
  multi: { style: 'form', explode: true },
  ssv: { style: 'spaceDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  tsv: { style: 'tabDelimited', explode: false },
};

/**
 * Normalizes one Swagger 2.0 operation to the OpenAPI 3 model: `in: body` becomes the request body
 * with the `consumes` media types, `in: formData` parameters become one form object body, other
 * parameters get a schema built from their inline fields, responses get the `produces` types.
 */
export function normalizeSwagger2(
  raw: RawOperation,
  resolver: RefResolver,
  root: OpenAPIV2.Document,
): NormOperation {
  const notes: string[] = [];
  const { operation, pathItem } = raw;
  const consumes = mediaTypes(own(operation, 'consumes') ?? own(root, 'consumes'));
  const produces = mediaTypes(own(operation, 'produces') ?? own(root, 'produces'));
  const byKey = new Map<string, { param: OpenAPIV2.Parameter; pointer: string }>();
  const lists: [unknown, string][] = [
    [own(pathItem, 'parameters'), appendPointer(raw.pathItemPointer, 'parameters')],
    [own(operation, 'parameters'), appendPointer(raw.pointer, 'parameters')],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      const located = resolver.deref<OpenAPIV2.Parameter>(item, appendPointer(listPointer, index));
      const key = `${ownString(located.value, 'in')}\u0000${ownString(located.value, 'name')}`;
      byKey.set(key, { param: located.value, pointer: located.pointer });
    });
  }
  const parameters: NormParameter[] = [];
  let body: NormBody | undefined;
  const form: { param: OpenAPIV2.Parameter; pointer: string }[] = [];
  for (const { param, pointer } of byKey.values()) {
    const location = ownString(param, 'in');
    const name = ownString(param, 'name');
    if (name === undefined) {
      notes.push(`parameter at ${pointer} has no name: ignored`);
    } else if (location === 'body') {
      body = {
        required: own(param, 'required') === true,
        ...description(param),
        content: consumes.map((mediaType) => ({
          mediaType,
          schema: own(param, 'schema') ?? {},
          pointer: appendPointer(pointer, 'schema'),
        })),
        pointer,
      };
    } else if (location === 'formData') {
      form.push({ param, pointer });
    } else if (location === 'path' || location === 'query' || location === 'header') {
      if (location === 'header' && /^(accept|content-type|authorization)$/i.test(name)) {
        notes.push(`header parameter "${name}" ignored (set by HTTP, not by the tool)`);
        continue;
      }
      parameters.push(toParameter(param, name, location, pointer, notes));
    } else {
      notes.push(`parameter "${name}" in "${location}" is not supported: ignored`);
    }
  }
  if (form.length > 0 && body === undefined) body = formBody(form, consumes, raw.pointer);
  return {
    raw,
    ...text('summary', ownString(operation, 'summary')),
    ...text('description', ownString(operation, 'description')),
    ...(own(operation, 'deprecated') === true ? { deprecated: true } : {}),
    parameters,
    ...(body !== undefined ? { body } : {}),
    responses: responses(resolver, own(operation, 'responses'), raw.pointer, produces),
    notes,
  };
}

function mediaTypes(value: unknown): string[] {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return list.length > 0 ? list : ['application/json'];
}

function text(key: 'summary' | 'description', value: string | undefined): JsonObject {
  return value !== undefined && value.trim() !== '' ? { [key]: value } : {};
}

function description(param: OpenAPIV2.Parameter): { description?: string } {
  const value = ownString(param, 'description');
  return value !== undefined ? { description: value } : {};
}

/** The inline JSON Schema of a non-body Swagger 2.0 parameter. */
function inlineSchema(param: OpenAPIV2.Parameter): JsonObject {
  const schema: JsonObject = {};
  for (const field of SCHEMA_FIELDS) {
    const value = own(param, field);
    if (value !== undefined) schema[field] = value;
  }
  if (own(param, 'x-nullable') === true) schema.nullable = true;
  return schema;
}

function toParameter(
  param: OpenAPIV2.Parameter,
  name: string,
  location: ParameterLocation,
  pointer: string,
  notes: string[],
): NormParameter {
  const schema = inlineSchema(param);
  const result: NormParameter = {
    name,
    in: location,
    required: location === 'path' || own(param, 'required') === true,
    ...description(param),
    schema,
    pointer,
    ...(own(param, 'allowEmptyValue') === true ? { allowEmptyValue: true } : {}),
  };
  if (schema.type === 'array') {
    const format = ownString(param, 'collectionFormat') ?? 'csv';
    const mapped = COLLECTION_FORMATS[format];
    if (mapped === undefined) {
      notes.push(
        `parameter "${name}": collectionFormat "${format}" has no OpenAPI 3 style; sent as csv`,
      );
    } else if (location === 'query' || mapped.style === undefined) {
      if (mapped.style !== undefined) result.style = mapped.style;
      result.explode = mapped.explode;
    }
  }
  return result;
}

/** formData parameters form one object body (Swagger 2.0 "Parameter Object", in: formData). */
function formBody(
  form: { param: OpenAPIV2.Parameter; pointer: string }[],
  consumes: string[],
  operationPointer: string,
): NormBody {
  const properties: JsonObject = {};
  const required: string[] = [];
  const encoding: Record<string, PropertyEncoding> = {};
  let hasFile = false;
  for (const { param } of form) {
    const name = ownString(param, 'name') as string;
    const schema = inlineSchema(param);
    if (schema.type === 'file') hasFile = true;
    if (schema.type === 'array') {
      const mapped = COLLECTION_FORMATS[ownString(param, 'collectionFormat') ?? 'csv'];
      if (mapped !== undefined)
        setOwn(encoding, name, { style: mapped.style ?? 'form', explode: mapped.explode });
    }
    const text = ownString(param, 'description');
    setOwn(properties, name, text !== undefined ? { ...schema, description: text } : schema);
    if (own(param, 'required') === true) required.push(name);
  }
  const multipart = consumes.find((m) => m.startsWith('multipart/form-data'));
  const urlencoded = consumes.find((m) => m.startsWith('application/x-www-form-urlencoded'));
  const mediaType =
    hasFile || urlencoded === undefined ? (multipart ?? 'multipart/form-data') : urlencoded;
  return {
    required: required.length > 0,
    content: [
      {
        mediaType,
        schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
        pointer: appendPointer(operationPointer, 'parameters'),
        // Multipart sends array items as repeated parts whatever the collectionFormat.
        ...(Object.keys(encoding).length > 0 && !mediaType.startsWith('multipart/')
          ? { encoding }
          : {}),
      },
    ],
    pointer: appendPointer(operationPointer, 'parameters'),
  };
}

function responses(
  resolver: RefResolver,
  value: unknown,
  operationPointer: string,
  produces: string[],
): NormResponse[] {
  if (!isObject(value)) return [];
  const out: NormResponse[] = [];
  for (const status of Object.keys(value)) {
    if (!/^2/.test(status)) continue;
    const at = appendPointer(operationPointer, 'responses', status);
    const { value: response, pointer } = resolver.deref<OpenAPIV2.ResponseObject>(
      value[status],
      at,
    );
    const schema = own(response, 'schema');
    out.push({
      status,
      content:
        schema === undefined
          ? []
          : produces.map((mediaType) => ({
              mediaType,
              schema,
              pointer: appendPointer(pointer, 'schema'),
            })),
    });
  }
  return out;
}

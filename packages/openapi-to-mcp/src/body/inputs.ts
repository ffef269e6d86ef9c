import { OperationSkip } from '../errors.js';
import { isObject, own, setOwn } from '../json.js';
import type { BodyBinding, JsonSchema } from '../manifest.js';
import type { MediaSchema, NormBody } from '../model.js';
import { sanitizeName, uniqueName } from '../names.js';
import { type InputDraft, withDocs } from '../parameters.js';
import type { SchemaShaper } from '../schema.js';
import {
  BASE64_BODY_SCHEMA,
  BINARY_BODY_SCHEMA,
  FILE_ARGUMENT_SCHEMA,
  isBase64TextSchema,
  isFileSchema,
  NON_EMPTY_BASE64_PATTERN,
} from './files.js';
import { type BodyKind, bodyKind, pickMediaType } from './kind.js';

/**
 * Adds the request body's arguments (OpenAPI 3.1 section 4.8.13). An object body's properties
 * become arguments (a name already used by a parameter becomes `body_<name>`, noted); any other
 * body is the single argument `body`. Multipart file properties take the file argument shape;
 * binary bodies (octet-stream, images, ...) take a base64/data URL string. When several media
 * types are offered, the choice is noted.
 */
export function addBody(
  draft: InputDraft,
  body: NormBody,
  shaper: SchemaShaper,
): BodyBinding | undefined {
  const media = pickMediaType(body.content);
  if (media === undefined) {
    draft.notes.push('request body declares no media type: the tool sends no body');
    return undefined;
  }
  const kind = bodyKind(media.mediaType);
  const offered = body.content.map((m) => m.mediaType);
  if (offered.length > 1) {
    draft.notes.push(
      `request body sent as ${media.mediaType} (also offered: ${offered.filter((m) => m !== media.mediaType).join(', ')})`,
    );
  }
  if (kind === 'binary') {
    return isBase64Text(media, shaper)
      ? valueBody(draft, body, media, BASE64_BODY_SCHEMA, kind, true)
      : valueBody(draft, body, media, BINARY_BODY_SCHEMA, kind);
  }
  const shaped = shaper.shapeInlined(media.schema, media.pointer, 'input');
  for (const ref of shaped.refs) draft.refs.add(ref);
  const schema = shaped.schema;
  if ((kind === 'json' || kind === 'form' || kind === 'multipart') && isFlattenable(schema)) {
    return flatten(draft, body, media, kind, schema);
  }
  if (kind === 'form' || kind === 'multipart') {
    draft.notes.push(
      `${media.mediaType} body is not a plain object: sent from the argument "body"`,
    );
  }
  return valueBody(draft, body, media, schema, kind);
}

function valueBody(
  draft: InputDraft,
  body: NormBody,
  media: MediaSchema,
  schema: JsonSchema | boolean,
  kind: BodyKind,
  base64Text = false,
): BodyBinding {
  const arg = uniqueName('body', draft.taken);
  draft.taken.add(arg);
  setOwn(
    draft.properties,
    arg,
    kind === 'binary' ? binaryArgument(schema, body) : withDocs(schema, body.description),
  );
  if (body.required) draft.required.push(arg);
  if (base64Text) {
    draft.notes.push(
      `${media.mediaType} body is format: byte: argument "${arg}" is base64 text, sent as is`,
    );
  } else if (kind === 'binary') {
    draft.notes.push(`${media.mediaType} body: argument "${arg}" is base64 or a data URL`);
  }
  return {
    mediaType: media.mediaType,
    required: body.required,
    kind: 'value',
    arg,
    ...(base64Text ? { base64Text: true } : {}),
    ...encodingOf(media, undefined),
  };
}

/**
 * A binary body's argument: the body's description first, then how to pass the bytes; not empty
 * when the body is required (zero bytes are no body, and servers such as Prism say it is missing).
 */
function binaryArgument(schema: JsonSchema | boolean, body: NormBody): JsonSchema {
  const base = typeof schema === 'boolean' ? {} : schema;
  const how = typeof base.description === 'string' ? base.description : undefined;
  const what = body.description?.trim();
  const description =
    what !== undefined && what !== '' && how !== undefined ? `${what}\n\n${how}` : (how ?? what);
  return {
    ...base,
    ...(description !== undefined ? { description } : {}),
    ...(body.required ? { minLength: 1 } : {}),
    ...(body.required && base.pattern !== undefined ? { pattern: NON_EMPTY_BASE64_PATTERN } : {}),
  };
}

/** Whether a binary body's schema is `format: byte`: base64 text is the body, not its encoding. */
function isBase64Text(media: MediaSchema, shaper: SchemaShaper): boolean {
  try {
    return isBase64TextSchema(shaper.shapeInlined(media.schema, media.pointer, 'input').schema);
  } catch (error) {
    // An unresolvable schema says nothing about the bytes: they stay base64-decoded.
    if (error instanceof OperationSkip) return false;
    throw error;
  }
}

/**
 * A plain object schema (nullable or not): properties only, nothing (composition, extra keys)
 * flattening would lose.
 */
function isFlattenable(schema: JsonSchema | boolean): schema is JsonSchema {
  if (typeof schema === 'boolean' || !isObject(schema.properties)) return false;
  if (Object.keys(schema.properties).length === 0) return false;
  if (schema.type !== undefined && schema.type !== 'object' && !isNullableObject(schema)) {
    return false;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'not', 'if', '$ref', 'patternProperties']) {
    if (schema[key] !== undefined) return false;
  }
  return schema.additionalProperties === undefined || schema.additionalProperties === false;
}

/**
 * `type: ["object", "null"]` (OpenAPI 3.0 `nullable: true` on the body's object, as DigitalOcean's
 * maintenance window): flattened like an object. A null body is no use to send, and without
 * flattening the one `body` argument would let callers send nothing for a required body.
 */
function isNullableObject(schema: JsonSchema): boolean {
  const { type } = schema;
  return (
    Array.isArray(type) && type.length === 2 && type.includes('object') && type.includes('null')
  );
}

/**
 * A form or multipart body has no encoding for an empty array (its key is simply absent), so a
 * required array property must carry at least one item to be sent at all.
 */
function nonEmptyArray(schema: JsonSchema | boolean): JsonSchema | boolean {
  if (typeof schema !== 'object' || schema.type !== 'array' || schema.minItems !== undefined) {
    return schema;
  }
  return { ...schema, minItems: 1 };
}

function flatten(
  draft: InputDraft,
  body: NormBody,
  media: MediaSchema,
  kind: BodyKind,
  schema: JsonSchema,
): BodyBinding {
  const properties = schema.properties as Record<string, JsonSchema | boolean>;
  if (isNullableObject(schema)) {
    draft.notes.push('request body schema allows null: its object properties are the arguments');
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const mapping: Record<string, string> = {};
  const files: string[] = [];
  for (const name of Object.keys(properties)) {
    const clean = sanitizeName(name) || 'property';
    const base = draft.taken.has(clean) ? sanitizeName(`body_${name}`) : clean;
    const arg = uniqueName(base, draft.taken);
    draft.taken.add(arg);
    if (arg !== name) draft.notes.push(`body property "${name}" is argument "${arg}"`);
    setOwn(mapping, arg, name);
    let property = own(properties, name) as JsonSchema | boolean;
    if (kind === 'multipart') {
      const file = fileArgument(property);
      if (file !== undefined) {
        property = file;
        files.push(name);
      }
    }
    if ((kind === 'form' || kind === 'multipart') && required.has(name)) {
      property = nonEmptyArray(property);
    }
    setOwn(draft.properties, arg, property);
    // Required even when the body is optional: OpenAPI defaults `requestBody.required` to false and
    // authors often omit it (Twilio's creates), yet a body without these properties is invalid.
    if (required.has(name)) draft.required.push(arg);
  }
  if (!body.required && required.size > 0) {
    draft.notes.push(
      'request body is optional, but its required properties are required arguments (a body without them is invalid)',
    );
  }
  if (files.length > 0) {
    draft.notes.push(
      `multipart file part(s) ${files.join(', ')}: a data URL, base64, or { data, filename, contentType }`,
    );
  }
  return {
    mediaType: media.mediaType,
    required: body.required,
    kind: 'properties',
    properties: mapping,
    ...encodingOf(media, new Set(Object.keys(properties))),
    ...(files.length > 0 ? { files } : {}),
  };
}

/** The file argument schema for a file property or an array of files, keeping its description. */
function fileArgument(property: JsonSchema | boolean): JsonSchema | undefined {
  if (typeof property === 'boolean') return undefined;
  const description =
    typeof property.description === 'string' ? { description: property.description } : {};
  if (isFileSchema(property)) return { ...FILE_ARGUMENT_SCHEMA, ...description };
  if (property.type === 'array' && isFileSchema(property.items)) {
    return { type: 'array', items: FILE_ARGUMENT_SCHEMA, ...description };
  }
  return undefined;
}

function encodingOf(
  media: MediaSchema,
  names: Set<string> | undefined,
): Pick<BodyBinding, 'encoding'> {
  if (media.encoding === undefined) return {};
  const out: NonNullable<BodyBinding['encoding']> = {};
  for (const name of Object.keys(media.encoding)) {
    if (names !== undefined && !names.has(name)) continue;
    setOwn(out, name, media.encoding[name]);
  }
  return Object.keys(out).length > 0 ? { encoding: out } : {};
}

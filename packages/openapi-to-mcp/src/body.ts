import { OperationSkip } from './errors.js';
import { isObject, own, setOwn } from './json.js';
import type { BodyBinding, JsonSchema } from './manifest.js';
import type { MediaSchema, NormBody } from './model.js';
import { sanitizeName, uniqueName } from './naming.js';
import { type InputDraft, withDocs } from './parameters.js';
import type { SchemaShaper } from './schema.js';

const JSON_MEDIA = /^[a-z0-9!#$&^_.+-]+\/(?:[a-z0-9!#$&^_.+-]+\+)?json$/;

type BodyKind = 'json' | 'form' | 'text';

function baseType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The media type the tool sends: JSON first (`application/json`, then any `+json`), then
 * `application/x-www-form-urlencoded`, then `text/plain`. `*\/*` is sent as JSON.
 */
export function pickMediaType(
  content: MediaSchema[],
): { media: MediaSchema; kind: BodyKind } | undefined {
  const find = (test: (t: string) => boolean): MediaSchema | undefined =>
    content.find((m) => test(baseType(m.mediaType)));
  const exact = find((t) => t === 'application/json') ?? find((t) => JSON_MEDIA.test(t));
  if (exact !== undefined) return { media: exact, kind: 'json' };
  const any = find((t) => t === '*/*' || t === 'application/*');
  if (any !== undefined) return { media: { ...any, mediaType: 'application/json' }, kind: 'json' };
  const form = find((t) => t === 'application/x-www-form-urlencoded');
  if (form !== undefined) return { media: form, kind: 'form' };
  const text = find((t) => t === 'text/plain');
  return text !== undefined ? { media: text, kind: 'text' } : undefined;
}

/**
 * Adds the request body's arguments. An object body's properties become arguments (a name already
 * used by a parameter becomes `body_<name>`, noted); any other body is the single argument `body`.
 * A body with no usable media type skips the operation when required, else is left out (noted).
 */
export function addBody(
  draft: InputDraft,
  body: NormBody,
  shaper: SchemaShaper,
): BodyBinding | undefined {
  if (body.content.length === 0) {
    draft.notes.push('request body declares no media type: the tool sends no body');
    return undefined;
  }
  const picked = pickMediaType(body.content);
  const offered = body.content.map((m) => m.mediaType);
  if (picked === undefined) {
    const reason = `request body media type ${offered.join(', ')} is not supported`;
    if (body.required) throw new OperationSkip(body.pointer, reason);
    draft.notes.push(`${reason}: the tool sends no body`);
    return undefined;
  }
  const { media, kind } = picked;
  if (offered.length > 1) {
    draft.notes.push(
      `request body sent as ${media.mediaType} (also offered: ${offered.filter((m) => m !== media.mediaType).join(', ')})`,
    );
  }
  const shaped = shaper.shapeInlined(media.schema, media.pointer, 'input');
  const schema = shaped.schema;
  if (kind !== 'text' && isFlattenable(schema)) {
    for (const ref of shaped.refs) draft.refs.add(ref);
    return flatten(draft, body, media.mediaType, schema);
  }
  for (const ref of shaped.refs) draft.refs.add(ref);
  const arg = uniqueName('body', draft.taken);
  draft.taken.add(arg);
  setOwn(draft.properties, arg, withDocs(schema, body.description));
  if (body.required) draft.required.push(arg);
  return { mediaType: media.mediaType, required: body.required, kind: 'value', arg };
}

/** A plain object schema: properties only, nothing (composition, extra keys) flattening would lose. */
function isFlattenable(schema: JsonSchema | boolean): schema is JsonSchema {
  if (typeof schema === 'boolean' || !isObject(schema.properties)) return false;
  if (Object.keys(schema.properties).length === 0) return false;
  if (schema.type !== undefined && schema.type !== 'object') return false;
  for (const key of ['allOf', 'anyOf', 'oneOf', 'not', 'if', '$ref', 'patternProperties']) {
    if (schema[key] !== undefined) return false;
  }
  return schema.additionalProperties === undefined || schema.additionalProperties === false;
}

function flatten(
  draft: InputDraft,
  body: NormBody,
  mediaType: string,
  schema: JsonSchema,
): BodyBinding {
  const properties = schema.properties as Record<string, JsonSchema | boolean>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const mapping: Record<string, string> = {};
  for (const name of Object.keys(properties)) {
    const clean = sanitizeName(name) || 'property';
    const base = draft.taken.has(clean) ? sanitizeName(`body_${name}`) : clean;
    const arg = uniqueName(base, draft.taken);
    draft.taken.add(arg);
    if (arg !== name) draft.notes.push(`body property "${name}" is argument "${arg}"`);
    setOwn(mapping, arg, name);
    setOwn(draft.properties, arg, own(properties, name) as JsonSchema | boolean);
    if (body.required && required.has(name)) draft.required.push(arg);
  }
  return { mediaType, required: body.required, kind: 'properties', properties: mapping };
}

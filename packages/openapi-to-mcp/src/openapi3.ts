import type {
  EncodingObject,
  MediaTypeObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from './document.js';
import { appendPointer, isObject, own, ownObject, ownString, setOwn } from './json.js';
import type { ParameterLocation, PropertyEncoding } from './manifest.js';
import type {
  MediaSchema,
  NormBody,
  NormOperation,
  NormParameter,
  NormResponse,
  RawOperation,
} from './model.js';
import type { RefResolver } from './refs.js';
import { serverUrls } from './servers.js';

const LOCATIONS = new Set<string>(['path', 'query', 'header', 'cookie']);
/** OpenAPI 3.1 section 4.8.12.1: these header parameters SHALL be ignored (HTTP owns them). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * Normalizes one OpenAPI 3.0/3.1 operation (section 4.8.10): merges path-item and operation
 * parameters (the operation's win, keyed by name and location), resolves parameter, request body
 * and response refs. Throws OperationSkip when a needed ref is dangling.
 */
export function normalizeOpenApi3(raw: RawOperation, resolver: RefResolver): NormOperation {
  const notes: string[] = [];
  const { operation, pathItem } = raw;
  const byKey = new Map<string, NormParameter>();
  const lists: [unknown, string][] = [
    [own(pathItem, 'parameters'), appendPointer(raw.pathItemPointer, 'parameters')],
    [own(operation, 'parameters'), appendPointer(raw.pointer, 'parameters')],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      const param = normalizeParameter(resolver, item, appendPointer(listPointer, index), notes);
      if (param !== undefined) byKey.set(`${param.in}\u0000${param.name}`, param);
    });
  }
  const body = normalizeBody(resolver, own(operation, 'requestBody'), raw.pointer);
  const servers = serverUrls(own(operation, 'servers') ?? own(pathItem, 'servers'));
  return {
    raw,
    ...optionalText('summary', ownString(operation, 'summary') ?? ownString(pathItem, 'summary')),
    ...optionalText(
      'description',
      ownString(operation, 'description') ?? ownString(pathItem, 'description'),
    ),
    ...(own(operation, 'deprecated') === true ? { deprecated: true } : {}),
    parameters: [...byKey.values()],
    ...(body !== undefined ? { body } : {}),
    responses: normalizeResponses(resolver, own(operation, 'responses'), raw.pointer),
    ...(servers.length > 0 ? { servers } : {}),
    notes,
  };
}

function optionalText<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value !== undefined && value.trim() !== '' ? { [key]: value } : {}) as {
    [P in K]?: string;
  };
}

function normalizeParameter(
  resolver: RefResolver,
  item: unknown,
  itemPointer: string,
  notes: string[],
): NormParameter | undefined {
  const { value: param, pointer } = resolver.deref<ParameterObject>(item, itemPointer);
  const name = ownString(param, 'name');
  const location = ownString(param, 'in');
  if (name === undefined || location === undefined || !LOCATIONS.has(location)) {
    notes.push(`parameter at ${pointer} has no valid name or location: ignored`);
    return undefined;
  }
  if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) {
    notes.push(`header parameter "${name}" ignored (set by HTTP, not by the tool)`);
    return undefined;
  }
  const content = mediaSchemas(own(param, 'content'), appendPointer(pointer, 'content'));
  const first = content[0];
  const style = ownString(param, 'style');
  const explode = own(param, 'explode');
  const allowReserved = own(param, 'allowReserved');
  const description = ownString(param, 'description');
  return {
    name,
    in: location as ParameterLocation,
    required: location === 'path' || own(param, 'required') === true,
    ...(description !== undefined ? { description } : {}),
    ...(own(param, 'deprecated') === true ? { deprecated: true } : {}),
    schema: first !== undefined ? first.schema : (own(param, 'schema') ?? {}),
    pointer: first !== undefined ? first.pointer : appendPointer(pointer, 'schema'),
    ...(style !== undefined ? { style } : {}),
    ...(typeof explode === 'boolean' ? { explode } : {}),
    ...(allowReserved === true ? { allowReserved: true } : {}),
    ...(own(param, 'allowEmptyValue') === true ? { allowEmptyValue: true } : {}),
    ...(first !== undefined ? { contentType: first.mediaType } : {}),
  };
}

function normalizeBody(
  resolver: RefResolver,
  value: unknown,
  operationPointer: string,
): NormBody | undefined {
  if (value === undefined) return undefined;
  const { value: body, pointer } = resolver.deref<RequestBodyObject>(
    value,
    appendPointer(operationPointer, 'requestBody'),
  );
  const description = ownString(body, 'description');
  return {
    required: own(body, 'required') === true,
    ...(description !== undefined ? { description } : {}),
    content: mediaSchemas(own(body, 'content'), appendPointer(pointer, 'content')),
    pointer,
  };
}

/** Media types of a `content` map, in document order; a media type without schema accepts anything. */
export function mediaSchemas(content: unknown, pointer: string): MediaSchema[] {
  if (!isObject(content)) return [];
  return Object.keys(content).map((mediaType) => {
    const media = ownObject<MediaTypeObject>(content, mediaType);
    const schema = own(media, 'schema');
    const encoding = encodings(own(media, 'encoding'));
    return {
      mediaType,
      schema: schema ?? {},
      pointer: appendPointer(pointer, mediaType, 'schema'),
      ...(encoding !== undefined ? { encoding } : {}),
    };
  });
}

/** The Encoding Object map of a media type (OpenAPI 3.1 section 4.8.15), only the fields we use. */
function encodings(value: unknown): Record<string, PropertyEncoding> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, PropertyEncoding> = {};
  for (const name of Object.keys(value)) {
    const entry = ownObject<EncodingObject>(value, name);
    if (entry === undefined) continue;
    const encoding: PropertyEncoding = {};
    const style = ownString(entry, 'style');
    const explode = own(entry, 'explode');
    const contentType = ownString(entry, 'contentType');
    if (style !== undefined) encoding.style = style;
    if (typeof explode === 'boolean') encoding.explode = explode;
    if (own(entry, 'allowReserved') === true) encoding.allowReserved = true;
    if (contentType !== undefined) encoding.contentType = contentType;
    setOwn(out, name, encoding);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function normalizeResponses(
  resolver: RefResolver,
  responses: unknown,
  operationPointer: string,
): NormResponse[] {
  if (!isObject(responses)) return [];
  const out: NormResponse[] = [];
  for (const status of Object.keys(responses)) {
    if (!/^2/.test(status)) continue; // only success responses shape outputSchema
    const at = appendPointer(operationPointer, 'responses', status);
    const { value: response, pointer } = resolver.deref<ResponseObject>(responses[status], at);
    out.push({
      status,
      content: mediaSchemas(own(response, 'content'), appendPointer(pointer, 'content')),
    });
  }
  return out;
}

import type { MediaSchema } from '../model.js';

/** How a request body is serialized, decided by its media type alone. */
export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'binary';

const JSON_MEDIA = /^[a-z0-9!#$&^_.+-]+\/(?:[a-z0-9!#$&^_.+-]+\+)?json$/;
const TEXT_MEDIA = /^text\/|^application\/(?:xml|javascript|x-ndjson|yaml|x-yaml|graphql)$|\+xml$/;

/** `Type/Sub; charset=x` -> `type/sub`. */
export function baseType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The serialization of a media type: `*\/*` and `application/*` are sent as JSON; text-like types
 * (text/*, XML, YAML, ...) as text; any other non-JSON, non-form type (octet-stream, images, PDF,
 * `image/*`) as bytes decoded from a base64 or data URL argument.
 */
export function bodyKind(mediaType: string): BodyKind {
  const type = baseType(mediaType);
  if (type === 'application/json' || JSON_MEDIA.test(type)) return 'json';
  if (type === '*/*' || type === 'application/*') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data' || type === 'multipart/mixed') return 'multipart';
  if (TEXT_MEDIA.test(type)) return 'text';
  return 'binary';
}

/** Lower is preferred: JSON first (the issue's rule), then forms, then text, then bytes. */
function rank(mediaType: string): number {
  const type = baseType(mediaType);
  if (type === 'application/json') return 0;
  const kind = bodyKind(type);
  if (kind === 'json') return type === '*/*' || type === 'application/*' ? 2 : 1;
  if (type === 'application/x-www-form-urlencoded') return 3;
  if (type === 'multipart/form-data') return 4;
  if (type === 'text/plain') return 5;
  if (kind === 'text') return 6;
  if (type === 'application/octet-stream') return 7;
  return kind === 'multipart' ? 9 : 8;
}

/**
 * The media type the tool sends, among those a request body offers (OpenAPI 3.1 section 4.8.13):
 * `application/json`, any `+json`, `*\/*`, urlencoded, multipart, `text/plain`, other text,
 * octet-stream, other binary types. Ties keep document order. `*\/*` is sent as
 * `application/json`. Undefined only for an empty list.
 */
export function pickMediaType(content: MediaSchema[]): MediaSchema | undefined {
  let best: MediaSchema | undefined;
  for (const media of content) {
    if (best === undefined || rank(media.mediaType) < rank(best.mediaType)) best = media;
  }
  if (best === undefined) return undefined;
  const type = baseType(best.mediaType);
  return type === '*/*' || type === 'application/*'
    ? { ...best, mediaType: 'application/json' }
    : best;
}

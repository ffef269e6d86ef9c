import type { PropertyEncoding } from '../manifest.js';
import { entries, isPlainObject, scalar } from '../serialize/encode.js';
import { decodeFile } from './files.js';

const encoder = new TextEncoder();

/**
 * A `multipart/form-data` body (RFC 7578; OpenAPI 3.1 section 4.8.15.2): one part per property,
 * one part per item for arrays. File properties (`files`) are decoded from base64/data URLs and
 * sent with `filename` (default the property name) and their content type (the argument's, else
 * the Encoding Object's, else application/octet-stream); objects are sent as application/json;
 * other values as text. Returns the body bytes and the `content-type` header with its boundary.
 *
 * @throws RequestBuildError `INVALID_ARGUMENT` for a file argument that is not base64/data URL.
 */
export function serializeMultipart(
  payload: unknown,
  encoding: Record<string, PropertyEncoding> | undefined,
  files: ReadonlySet<string>,
  argOf: (property: string) => string,
): { body: Uint8Array; contentType: string } {
  const boundary = newBoundary();
  const chunks: Uint8Array[] = [];
  const values = isPlainObject(payload) ? entries(payload) : [];
  for (const [name, value] of values) {
    const declared = Object.hasOwn(encoding ?? {}, name)
      ? encoding?.[name]?.contentType
      : undefined;
    const items =
      Array.isArray(value) && (files.has(name) || declared === undefined) ? value : [value];
    for (const item of items) {
      if (item === undefined || item === null) continue;
      let headers = `Content-Disposition: form-data; name="${quote(name)}"`;
      let bytes: Uint8Array;
      if (files.has(name)) {
        const file = decodeFile(item, argOf(name));
        headers += `; filename="${quote(file.filename ?? name)}"\r\nContent-Type: ${
          file.contentType ?? firstType(declared) ?? 'application/octet-stream'
        }`;
        bytes = file.bytes;
      } else if (
        isPlainObject(item) ||
        Array.isArray(item) ||
        (declared !== undefined && /json/i.test(declared))
      ) {
        headers += `\r\nContent-Type: ${firstType(declared) ?? 'application/json'}`;
        bytes = encoder.encode(JSON.stringify(item));
      } else {
        if (declared !== undefined) headers += `\r\nContent-Type: ${firstType(declared)}`;
        bytes = encoder.encode(scalar(item));
      }
      chunks.push(
        encoder.encode(`--${boundary}\r\n${headers}\r\n\r\n`),
        bytes,
        encoder.encode('\r\n'),
      );
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return { body: concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An Encoding Object's `contentType` may list several types (`image/png, image/jpeg`): send the first. */
function firstType(contentType: string | undefined): string | undefined {
  const first = contentType?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

/** Field names and file names in quotes: CR, LF and `"` escaped as the HTML form encoder does. */
function quote(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/** 128 random bits: a boundary cannot be forged by content an argument controls. */
function newBoundary(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `----portico${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

import { RequestBuildError } from '../errors.js';
import type { JsonSchema } from '../manifest.js';

/**
 * The argument shape of a file (a multipart part with `format: binary`, Swagger 2.0 `type: file`,
 * or a 3.1 `contentMediaType` without `contentEncoding`): either a string (a data URL
 * `data:<type>;base64,<data>` or plain base64) or an object with the base64 or data URL content
 * and, optionally, the file name and media type sent with the part.
 */
export const FILE_ARGUMENT_SCHEMA: JsonSchema = {
  anyOf: [
    {
      type: 'string',
      description: 'File content: a data URL (data:<media type>;base64,<data>) or base64.',
    },
    {
      type: 'object',
      properties: {
        data: { type: 'string', description: 'File content: base64 or a data URL.' },
        filename: { type: 'string', description: 'File name sent with the part.' },
        contentType: { type: 'string', description: 'Media type of the file.' },
      },
      required: ['data'],
      additionalProperties: false,
    },
  ],
};

/** The argument shape of a whole binary request body (octet-stream, images, PDF, ...). */
export const BINARY_BODY_SCHEMA: JsonSchema = {
  type: 'string',
  description: 'Request body bytes: a data URL (data:<media type>;base64,<data>) or base64.',
};

/**
 * The argument shape of a binary body whose schema is `format: byte` (or 3.1 `contentEncoding:
 * base64`): the body is the base64 text itself (Xero's attachments, Spotify's playlist image).
 */
export const BASE64_BODY_SCHEMA: JsonSchema = {
  type: 'string',
  format: 'byte',
  // What `format: byte` means (RFC 4648 base64), spelled out for clients that skip formats.
  pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
  description: 'Request body: base64 text, sent as is (the API takes the base64 text itself).',
};

/** BASE64_BODY_SCHEMA's pattern for a required body: at least one base64 quantum. */
export const NON_EMPTY_BASE64_PATTERN =
  '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$';

/**
 * Whether a shaped body schema says the body is base64 text (`format: byte`, OpenAPI 3.0 section
 * 4.7.24.2's data type; or `contentEncoding: base64`) rather than raw bytes (`format: binary`).
 */
export function isBase64TextSchema(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as JsonSchema;
  if (s.type !== undefined && s.type !== 'string') return false;
  return (
    s.format === 'byte' ||
    (typeof s.contentEncoding === 'string' && /^base64$/i.test(s.contentEncoding))
  );
}

/** Whether a shaped property schema describes file content (OpenAPI 3.1 section 4.8.14.3). */
export function isFileSchema(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as JsonSchema;
  if (s.type !== undefined && s.type !== 'string') return false;
  if (s.format === 'binary') return true;
  return typeof s.contentMediaType === 'string' && s.contentEncoding === undefined;
}

/** A file argument decoded: bytes plus what the caller said about them. */
export interface DecodedFile {
  bytes: Uint8Array;
  filename?: string;
  contentType?: string;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes a file argument (see FILE_ARGUMENT_SCHEMA). Base64 may be standard or URL-safe, with
 * whitespace. A data URL without `;base64` is percent-decoded text (RFC 2397).
 *
 * @throws RequestBuildError `INVALID_ARGUMENT` (with `arg`) when the value is neither.
 */
export function decodeFile(value: unknown, arg: string): DecodedFile {
  if (typeof value === 'string') return decodeData(value, arg);
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as JsonSchema).data === 'string'
  ) {
    const v = value as { data: string; filename?: unknown; contentType?: unknown };
    const file = decodeData(v.data, arg);
    if (typeof v.filename === 'string' && v.filename !== '') file.filename = v.filename;
    if (typeof v.contentType === 'string' && v.contentType !== '') file.contentType = v.contentType;
    return file;
  }
  throw new RequestBuildError(
    'INVALID_ARGUMENT',
    `argument "${arg}" must be a data URL, base64, or { data, filename?, contentType? }`,
    arg,
  );
}

function decodeData(text: string, arg: string): DecodedFile {
  const match = text.startsWith('data:') ? DATA_URL.exec(text) : null;
  if (match !== null) {
    const type = match[1] ?? '';
    const payload = match[4] ?? '';
    const bytes =
      match[3] !== undefined
        ? fromBase64(payload, arg)
        : new TextEncoder().encode(safeDecode(payload));
    return type !== '' ? { bytes, contentType: type } : { bytes };
  }
  return { bytes: fromBase64(text, arg) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function fromBase64(text: string, arg: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!BASE64.test(clean)) {
    throw new RequestBuildError(
      'INVALID_ARGUMENT',
      `argument "${arg}" is not base64 or a data URL`,
      arg,
    );
  }
  const bytes = Buffer.from(
    clean,
    clean.includes('-') || clean.includes('_') ? 'base64url' : 'base64',
  );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

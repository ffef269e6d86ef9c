import type { ErrorCode } from './errors.js';

/** Fastify's own client errors, passed on in our vocabulary with their (safe, generic) message. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'PARSE_ERROR',
  FST_ERR_CTP_INVALID_JSON_BODY: 'PARSE_ERROR',
};

/**
 * The error code for a client error raised by the HTTP framework itself (fastify's `FST_*` errors,
 * `{ code, statusCode }`): the mapped code, BAD_REQUEST for any other `FST_` 4xx, else undefined
 * (not a framework client error: the caller treats it as INTERNAL).
 */
export function frameworkErrorCode(error: {
  code?: string;
  statusCode?: number;
}): ErrorCode | undefined {
  const { code, statusCode } = error;
  if (!code) return undefined;
  const mapped = FASTIFY_CODES[code];
  if (mapped) return mapped;
  const clientError = statusCode !== undefined && statusCode >= 400 && statusCode < 500;
  return clientError && code.startsWith('FST_') ? 'BAD_REQUEST' : undefined;
}

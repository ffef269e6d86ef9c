import { loggerOptionsWith } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * Log paths that may hold secrets: API keys, cookies, the signup token and upstream credential
 * values. The request serializer below already logs only an allowlist of headers; redaction is
 * the second fence for anything that logs headers or bodies directly.
 */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["x-portico-signup-token"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'headers["x-portico-signup-token"]',
  'res.headers["set-cookie"]',
  'credential.value',
  'body.credential.value',
  '*.credential.value',
  'key',
  '*.key',
  'apiKey.key',
];

const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'content-encoding'];

/** Request serializer: method, url, remote address and an allowlist of harmless headers. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  return {
    method: req.method,
    url: req.url,
    remoteAddress: req.ip,
    headers,
    hasAuthorization:
      req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined,
  };
}

/**
 * Fastify logger options for the control API: `logger` as given to buildApp (true or pino
 * options), with the secret redaction and request serializer added. `false`/undefined: no logs.
 */
export function loggerOptions(logger: boolean | object | undefined): false | object {
  return loggerOptionsWith(logger, REDACT_PATHS, serializeRequest);
}

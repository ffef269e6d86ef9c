import { loggerOptionsWith } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * Log paths that may hold secrets or personal data: codes, addresses, bodies, credentials. The
 * request serializer below logs only an allowlist of headers and never the body; redaction is
 * the second fence for anything that logs them directly (DESIGN.md: secrets never in logs).
 */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  'code',
  '*.code',
  'email',
  '*.email',
  'to',
  '*.to',
];

const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length'];

/** Request serializer: method, url, remote address and an allowlist of harmless headers. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  return { method: req.method, url: req.url, remoteAddress: req.ip, headers };
}

/**
 * Fastify logger options: `logger` as given to buildApp (true or pino options) with the redaction
 * and request serializer added. `false`/undefined: no logs.
 */
export function loggerOptions(logger: boolean | object | undefined): false | object {
  return loggerOptionsWith(logger, REDACT_PATHS, serializeRequest);
}

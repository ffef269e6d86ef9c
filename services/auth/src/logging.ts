import { LOG_REDACT_PATHS, loggedUrl, loggerOptionsWith } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * The auth service's own secrets on top of the shared {@link LOG_REDACT_PATHS} (credentials,
 * cookies, email addresses, bodies): the email sign-in codes. The request serializer below logs the
 * route pattern, no query value and only an allowlist of headers; redaction is the second fence for
 * anything that logs them directly (secrets and personal data never appear in logs:
 * docs/architecture.md section 4).
 */
export const REDACT_PATHS: string[] = [...LOG_REDACT_PATHS, 'code', '*.code'];

const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length'];

/**
 * Request serializer: method, the URL as {@link loggedUrl} shows it (route pattern, query values
 * redacted), remote address and an allowlist of harmless headers.
 */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  return { method: req.method, url: loggedUrl(req), remoteAddress: req.ip, headers };
}

/**
 * Fastify logger options: `logger` as given to buildApp (true or pino options) with the redaction
 * and request serializer added. `false`/undefined: no logs.
 */
export function loggerOptions(logger: boolean | object | undefined): false | object {
  return loggerOptionsWith(logger, REDACT_PATHS, serializeRequest);
}

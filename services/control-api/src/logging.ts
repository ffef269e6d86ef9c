import { LOG_REDACT_PATHS, loggedUrl, loggerOptionsWith } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * The control API's own secrets on top of the shared {@link LOG_REDACT_PATHS} (credentials,
 * cookies, the signup token, email addresses, bodies): API keys and upstream credential values.
 * The request serializer below logs the route pattern, no query value and only an allowlist of
 * headers; redaction is the second fence for anything that logs headers or bodies directly.
 */
export const REDACT_PATHS: string[] = [
  ...LOG_REDACT_PATHS,
  'credential.value',
  'body.credential.value',
  '*.credential.value',
  'key',
  '*.key',
  'apiKey.key',
];

const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'content-encoding'];

/**
 * Request serializer: method, the URL as {@link loggedUrl} shows it (route pattern, query values
 * redacted), remote address and an allowlist of harmless headers.
 */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  }
  return {
    method: req.method,
    url: loggedUrl(req),
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

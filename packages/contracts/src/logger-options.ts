import { LOG_CENSOR, LOG_REDACT_PATHS } from './log-redaction.js';

/**
 * Logger options for a service: `logger` as given to its buildApp (`true` or pino options) with
 * the shared {@link LOG_REDACT_PATHS}, the service's own secret paths (`redactPaths`) and any
 * given ones censored as `[redacted]`, and its request serializer added (which should log the
 * URL through `loggedUrl`). `false`/undefined: no logs.
 */
export function loggerOptionsWith(
  logger: boolean | object | undefined,
  redactPaths: readonly string[],
  serializeRequest: (req: never) => unknown,
): false | object {
  if (!logger) return false;
  const given = (logger === true ? {} : logger) as {
    redact?: string[] | { paths: string[] };
    serializers?: Record<string, unknown>;
  };
  const extra = Array.isArray(given.redact) ? given.redact : (given.redact?.paths ?? []);
  return {
    ...given,
    redact: {
      paths: [...new Set([...LOG_REDACT_PATHS, ...redactPaths, ...extra])],
      censor: LOG_CENSOR,
    },
    serializers: { ...given.serializers, req: serializeRequest },
  };
}

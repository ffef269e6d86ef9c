/**
 * Logger options for a service: `logger` as given to its buildApp (`true` or pino options) with
 * the service's redaction paths (censored as `[redacted]`, merged with any given) and its request
 * serializer added. `false`/undefined: no logs.
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
    redact: { paths: [...redactPaths, ...extra], censor: '[redacted]' },
    serializers: { ...given.serializers, req: serializeRequest },
  };
}

import { LOG_REDACT_PATHS, loggedUrl, loggerOptionsWith } from '@portico/contracts';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { GatewayDeps } from './deps.js';

/**
 * Log paths the gateway redacts: the shared {@link LOG_REDACT_PATHS} (inbound API keys, bearer
 * tokens, cookies, email addresses, bodies). A host app that mounts `mcpRoutes` itself must
 * configure the same (fastify's redaction is per root logger).
 */
export const GATEWAY_LOG_REDACT: string[] = [...LOG_REDACT_PATHS];

/**
 * Request serializer: method, the URL as {@link loggedUrl} shows it (route pattern `/s/:slug/mcp`,
 * query values redacted) and the remote address. No header is logged.
 */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return { method: req.method, url: loggedUrl(req), remoteAddress: req.ip };
}

/**
 * Fastify logger options: `deps.logger` as given (`true` or pino options) with the redaction and
 * the request serializer above (a host app's own `serializers.req` is kept: the host answers for
 * what it logs; the redaction paths still apply). `false`/undefined: no logs.
 */
export function loggerOptions(logger: GatewayDeps['logger']): false | object {
  const given = typeof logger === 'object' ? (logger as { serializers?: { req?: unknown } }) : {};
  const own = given.serializers?.req as ((req: never) => unknown) | undefined;
  return loggerOptionsWith(logger as boolean | object | undefined, [], own ?? serializeRequest);
}

/**
 * fastify's own log lines, with the one that embeds the raw URL (`Route GET:/x?email=... not
 * found`, the default 404) written through {@link loggedUrl} instead.
 */
export class GatewayLogController extends LogController {
  override routeNotFound(request: FastifyRequest, _reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.method}:${loggedUrl(request)} not found`);
  }
}

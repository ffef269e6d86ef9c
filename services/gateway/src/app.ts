import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { GatewayDeps } from './deps.js';
import { mcpRoutes } from './routes/mcp.js';

/**
 * Log paths the gateway redacts. A host app that mounts {@link mcpRoutes} itself must configure
 * the same (fastify's redaction is per root logger).
 */
export const GATEWAY_LOG_REDACT: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/**
 * Builds the gateway's fastify instance (not listening): the MCP endpoint `/s/:slug/mcp`
 * (Streamable HTTP, stateless, MCP revisions 2025-11-25 and 2026-07-28). `await app.close()`
 * closes the upstream connection pool.
 */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedaction(deps.logger),
    // The ALB (or the local one-origin server) sets X-Forwarded-*; request ids are ours.
    trustProxy: true,
    genReqId: () => `req_${crypto.randomUUID().replaceAll('-', '')}`,
  });
  await app.register(mcpRoutes, deps);
  return app;
}

function withRedaction(logger: GatewayDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  const existing = Array.isArray(base.redact) ? base.redact : (base.redact?.paths ?? []);
  return {
    ...base,
    redact: { paths: [...new Set([...existing, ...GATEWAY_LOG_REDACT])], censor: '[redacted]' },
  };
}

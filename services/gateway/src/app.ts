import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayDeps } from './deps.js';
import { GatewayLogController, loggerOptions } from './logging.js';
import { mcpRoutes } from './routes/mcp.js';

export { GATEWAY_LOG_REDACT } from './logging.js';

/**
 * Builds the gateway's fastify instance (not listening): the MCP endpoint `/s/:slug/mcp`
 * (Streamable HTTP, stateless, MCP revisions 2025-11-25 and 2026-07-28). `await app.close()`
 * closes the upstream connection pool.
 */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    logController: new GatewayLogController(),
    // The ALB (or the local one-origin server) sets X-Forwarded-*; request ids are ours.
    trustProxy: true,
    genReqId: () => `req_${crypto.randomUUID().replaceAll('-', '')}`,
    // Tool arguments are data, whatever their keys: JSON.parse makes `__proto__` an own data
    // property (no prototype is set), and every reader reads own properties only (ajv with
    // ownProperties, buildRequest), so a body property named `__proto__` is served, not refused.
    onProtoPoisoning: 'ignore',
  });
  await app.register(mcpRoutes, deps);
  return app;
}

import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayDeps } from './deps.js';
import { GatewayLogController, loggerOptions } from './logging.js';
import { mcpRoutes } from './transport/route.js';
import { createGateway } from './wiring.js';

export { GATEWAY_LOG_REDACT } from './logging.js';

/**
 * Builds the gateway's fastify instance (not listening): the MCP endpoint `/s/:slug/mcp`
 * (Streamable HTTP, stateless, MCP revisions 2025-11-25 and 2026-07-28), its collaborators wired
 * once by {@link createGateway}. `await app.close()` settles pending writes and closes the
 * upstream connection pools. Throws a TypeError naming a malformed `upstream.allowHosts` entry.
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
  const gateway = createGateway(deps, app.log);
  app.addHook('onClose', () => gateway.close());
  await app.register(mcpRoutes, gateway);
  return app;
}

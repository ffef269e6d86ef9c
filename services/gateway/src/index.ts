export { buildApp, GATEWAY_LOG_REDACT } from './app.js';
export type { GatewayDeps, GatewayStore } from './deps.js';
export { mcpRoutes } from './routes/mcp.js';

export { buildApp, GATEWAY_LOG_REDACT } from './app.js';
export type { GatewayDeps, GatewayStore } from './deps.js';
// The tools/list pages exactly as served (test/corpus parses them with both MCP SDK clients' schemas).
export { compileToolSet } from './tools/compile.js';
export type { ListedTool } from './tools/listed-tool.js';
export type { ToolSet } from './tools/types.js';
export { mcpRoutes } from './transport/route.js';
export { createGateway, type Gateway } from './wiring.js';

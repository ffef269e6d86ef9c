export { buildApp, GATEWAY_LOG_REDACT } from './app.js';
export type { GatewayDeps, GatewayStore } from './deps.js';
// The tools/list pages exactly as served (test/corpus parses them with both MCP SDK clients' schemas).
export { compileToolSet, type ListedTool, type ToolSet } from './mcp/toolset.js';
export { mcpRoutes } from './routes/mcp.js';

import { ConfigError } from '@portico/contracts';
import { createDynamoClient, createStore, ensureTable, loadOrCreateKek } from '@portico/store';
import { buildApp } from './app.js';
import { type GatewayConfig, gatewayConfig } from './config.js';

/** Standalone gateway: `node dist/main.js`, configured by PORTICO_* variables (see config.ts). */
let config: GatewayConfig;
try {
  config = gatewayConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const client = createDynamoClient(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {});
if (config.dynamoEndpoint) await ensureTable(client, config.tableName);
const store = createStore({
  client,
  tableName: config.tableName,
  kek: await loadOrCreateKek(config.kekPath),
});
const app = await buildApp({
  store,
  allowedOrigins: config.allowedOrigins,
  ...(config.allowedHosts ? { allowedHosts: config.allowedHosts } : {}),
  logger: { level: config.logLevel },
  upstream: { allowHosts: config.allowUpstreamHosts, timeoutMs: config.upstreamTimeoutMs },
});
await app.listen({ host: config.host, port: config.port });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}

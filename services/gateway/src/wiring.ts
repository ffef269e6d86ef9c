import { createServerScopedAgent } from '@portico/net';
import type { FastifyBaseLogger } from 'fastify';
import { AccessControl } from './admission/access.js';
import { Admission } from './admission/admission.js';
import { ApiKeyAuthenticator } from './admission/api-keys.js';
import { BearerVerifier } from './admission/bearer.js';
import { EndUserActivity } from './admission/end-user-activity.js';
import { OriginPolicy } from './admission/origin.js';
import { ServerDirectory } from './admission/servers.js';
import type { UpstreamDeps } from './call/context.js';
import { UpstreamConfigs } from './call/upstream-configs.js';
import { type GatewayDeps, resolveSettings } from './deps.js';
import { ToolSetCache } from './tools/cache.js';
import { McpEndpoint } from './transport/endpoint.js';

/** The gateway's collaborators, wired once per app: one per stage a request passes. */
export interface Gateway {
  /** Origin, slug, caller, tool set, message rights (admission/). */
  admission: Admission;
  /** Upstream configs, SSRF-guarded pools, deadline and body cap of tool calls (call/). */
  upstream: UpstreamDeps;
  /** The SDK endpoint for what the hot path does not answer (transport/). */
  endpoint: McpEndpoint;
  /** Waits for pending end-user activity writes, then closes the SDK handler and the pools. */
  close(): Promise<void>;
}

/**
 * Builds every collaborator from {@link GatewayDeps} (defaults applied by resolveSettings).
 * `log` receives the off-path failures (API key last-use and end-user activity writes: warn;
 * SDK exchange errors: debug). Throws a TypeError naming a malformed `upstream.allowHosts` entry.
 */
export function createGateway(deps: GatewayDeps, log: FastifyBaseLogger): Gateway {
  const settings = resolveSettings(deps);
  const activity = new EndUserActivity(deps.store, (error) =>
    log.warn({ err: error }, 'recording end-user activity failed'),
  );
  const keys = new ApiKeyAuthenticator(deps.store, settings.apiKeyTtlMs, (error) =>
    log.warn({ err: error }, 'recording API key use failed'),
  );
  const access = new AccessControl(
    keys,
    deps.tokens ? new BearerVerifier(deps.tokens) : undefined,
    deps.publicOrigin?.replace(/\/+$/, ''),
    activity,
  );
  const admission = new Admission({
    origins: new OriginPolicy(settings.allowedOrigins, settings.allowedHosts),
    servers: new ServerDirectory(deps.store, settings.serverTtlMs),
    access,
    toolSets: new ToolSetCache(deps.store, settings.maxToolSets, settings.toolsPageSize),
  });
  // Operator grants scoped per server: callUpstream asks it for the calling server's Agent.
  const dispatcher = createServerScopedAgent({ allowHosts: settings.allowHosts });
  const upstream: UpstreamDeps = {
    configs: new UpstreamConfigs(deps.store, settings.serverTtlMs),
    dispatcher,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
  };
  const endpoint = new McpEndpoint((error) => log.debug({ err: error }, 'mcp exchange'));
  return {
    admission,
    upstream,
    endpoint,
    close: async () => {
      await activity.settle();
      await endpoint.close();
      await dispatcher.close();
    },
  };
}

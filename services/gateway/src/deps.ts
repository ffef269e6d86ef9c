import type { Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_TOOLS_PAGE_SIZE } from './tools/pages.js';

/**
 * What the gateway reads from the store, and nothing more: a slug lookup, the active manifest,
 * the server's tool configuration, the upstream config, API-key lookups (plus the throttled
 * last-used write), and the throttled end-user activity write.
 */
export interface GatewayStore {
  servers: Pick<Store['servers'], 'getBySlug'>;
  specs: Pick<Store['specs'], 'getManifest'>;
  toolConfigs: Pick<Store['toolConfigs'], 'get'>;
  upstreams: Pick<Store['upstreams'], 'get'>;
  apiKeys: Pick<Store['apiKeys'], 'findByHash' | 'touch'>;
  endUsers: Pick<Store['endUsers'], 'touch'>;
}

/** Dependencies and tuning of {@link buildApp}. Every field but `store` has a default. */
export interface GatewayDeps {
  store: GatewayStore;
  /**
   * Verifies end users' OAuth access tokens (`typ: at+jwt`, `aud` = the server's canonical URL)
   * at `end_user` servers. Without it (or without `publicOrigin`) such servers admit API keys
   * and anonymous callers (public tools) only.
   */
  tokens?: Pick<TokenService, 'verify'>;
  /**
   * The canonical origin clients reach the gateway at (`https://mcp.example.com`, no trailing
   * slash): a server's resource URL (RFC 8707, the tokens' `aud`) is `${publicOrigin}/s/{slug}/mcp`
   * and its RFC 9728 metadata `${publicOrigin}/.well-known/oauth-protected-resource/s/{slug}/mcp`.
   * Unset: challenges name the request's own origin, and bearer tokens are not accepted.
   */
  publicOrigin?: string;
  /**
   * Fastify logger setting: `false` silences, `true` logs info to stdout, an options object
   * (pino) is used as given. Either way the gateway adds its redaction paths (authorization,
   * x-api-key, cookie), so secrets never reach the log.
   */
  logger?: FastifyServerOptions['logger'];
  /**
   * Browser origins (`scheme://host[:port]`, e.g. `https://inspector.example.com`) allowed to call
   * the MCP endpoint besides the endpoint's own origin. A request whose `Origin` header is neither
   * is refused with 403 (MCP Streamable HTTP: DNS-rebinding protection); a request without an
   * `Origin` header (every non-browser client) is not affected. Default: none.
   */
  allowedOrigins?: string[];
  /**
   * Host names (no port; IPv6 in brackets) the endpoint answers to; any other `Host` is refused
   * with 403. Set it whenever the gateway is reachable on a loopback or private address: it is the
   * DNS-rebinding defence (a rebound page's Origin is "same-origin" with its own Host). Default:
   * unset, any Host accepted (a public deployment behind a host-routing load balancer).
   */
  allowedHosts?: string[];
  /** Tools per `tools/list` page (MCP pagination, `cursor`/`nextCursor`). Default 500. */
  toolsPageSize?: number;
  upstream?: {
    /**
     * Operator allowances exempt from the SSRF rules (`PORTICO_ALLOW_UPSTREAM_HOSTS`, split):
     * `slug=host:port` for the server `slug` only (the local demo's Prism), a bare `host:port`
     * (or `host`, any port) for every server (a single-user local stack, tests). A malformed
     * entry makes {@link buildApp} throw a TypeError naming it.
     */
    allowHosts?: string[];
    /** Overall deadline of one upstream call (connect, headers, body), ms. Default 30_000. */
    timeoutMs?: number;
    /** Upstream response bodies are cut at this many bytes (truncation noted). Default 1 MiB. */
    maxResponseBytes?: number;
  };
  cache?: {
    /** How long a slug -> server lookup (and an upstream config) is cached, ms. Default 2_000. */
    serverTtlMs?: number;
    /** How long an API-key lookup (positive or negative) is cached, ms. Default 2_000. */
    apiKeyTtlMs?: number;
    /** How many compiled tool sets (server x spec version x tool configuration) are kept. Default 500. */
    maxToolSets?: number;
  };
}

/** {@link GatewayDeps} with defaults applied. */
export interface ResolvedSettings {
  allowHosts: string[];
  timeoutMs: number;
  maxResponseBytes: number;
  serverTtlMs: number;
  apiKeyTtlMs: number;
  maxToolSets: number;
  allowedOrigins: string[];
  allowedHosts: string[] | undefined;
  toolsPageSize: number;
}

export function resolveSettings(deps: GatewayDeps): ResolvedSettings {
  return {
    allowHosts: deps.upstream?.allowHosts ?? [],
    timeoutMs: deps.upstream?.timeoutMs ?? 30_000,
    maxResponseBytes: deps.upstream?.maxResponseBytes ?? 1024 * 1024,
    serverTtlMs: deps.cache?.serverTtlMs ?? 2_000,
    apiKeyTtlMs: deps.cache?.apiKeyTtlMs ?? 2_000,
    maxToolSets: deps.cache?.maxToolSets ?? 500,
    allowedOrigins: deps.allowedOrigins ?? [],
    allowedHosts: deps.allowedHosts,
    toolsPageSize: deps.toolsPageSize ?? DEFAULT_TOOLS_PAGE_SIZE,
  };
}

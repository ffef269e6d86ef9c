import type { ServerScopedAgent } from '@portico/net';
import type { ServerRecord } from '@portico/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Caller } from '../admission/access.js';
import type { ToolSet } from '../tools/types.js';
import type { UpstreamConfigs } from './upstream-configs.js';

/** The process-wide upstream side of tool calls, wired once (see wiring.ts). */
export interface UpstreamDeps {
  /** Cached (org, server) -> upstream config; read only when a tool is actually called. */
  configs: Pick<UpstreamConfigs, 'get'>;
  /** The SSRF-guarded keep-alive pools, one per granted server. */
  dispatcher: ServerScopedAgent;
  /** Overall deadline of one upstream call, ms. */
  timeoutMs: number;
  /** Upstream response body cap, bytes. */
  maxResponseBytes: number;
}

/** Everything one MCP message needs: the admitted parts plus the request's logger (no closures). */
export interface ToolCallContext {
  server: ServerRecord;
  toolSet: ToolSet;
  upstream: UpstreamDeps;
  log: FastifyBaseLogger;
  /** The request's id (`req_...`), echoed in error data. */
  requestId: string;
  /** Who calls (admission admitted it and checked the message); absent = a machine caller. */
  caller?: Caller;
}

/** Arguments of a tools/call, as the hot path and the SDK hand them over. */
export interface CallParams {
  name: string;
  arguments?: Record<string, unknown>;
}

import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { buildRequest, RequestBuildError, toToolResult } from '@portico/openapi-to-mcp';
import type { ServerRecord } from '@portico/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Dispatcher } from 'undici';
import type { ServerDirectory } from '../lookup.js';
import { callUpstream } from '../upstream/call.js';
import { assembleUpstreamRequest, resolveBaseUrl } from '../upstream/request.js';
import { describeAjvErrors, type ToolSet } from './toolset.js';

/** The process-wide upstream side of tool calls, built once per route plugin. */
export interface UpstreamDeps {
  /** Cached (org, server) -> upstream config; read only when a tool is actually called. */
  directory: Pick<ServerDirectory, 'upstreamConfig'>;
  /** The one keep-alive, SSRF-guarded undici Agent. */
  dispatcher: Dispatcher;
  /** Overall deadline of one upstream call, ms. */
  timeoutMs: number;
  /** Upstream response body cap, bytes. */
  maxResponseBytes: number;
}

/** Everything one `tools/call` needs: cached parts plus the request's logger (no closures). */
export interface ToolCallContext {
  server: ServerRecord;
  toolSet: ToolSet;
  upstream: UpstreamDeps;
  log: FastifyBaseLogger;
}

/** MCP CallToolResult as the gateway produces it. */
export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * The `tools/call` verb (MCP spec, server/tools, Calling Tools; Error Handling).
 * - Unknown tool, or arguments failing the tool's inputSchema: throws ProtocolError -32602
 *   (JSON-RPC invalid params) and the upstream is never called.
 * - Otherwise calls the upstream once; upstream 4xx/5xx, network failure, timeout, SSRF refusal and
 *   a missing base URL are tool results with `isError: true` (API failures are results, so the
 *   model can see and react to them).
 */
export async function callTool(
  ctx: ToolCallContext,
  params: { name: string; arguments?: Record<string, unknown> },
): Promise<ToolResult> {
  const compiled = ctx.toolSet.tools.get(params.name);
  if (!compiled) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
  }
  const args = params.arguments ?? {};
  const validate = compiled.validator();
  if (!validate(args)) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Invalid arguments for tool ${params.name}: ${describeAjvErrors(validate.errors)}`,
      { errors: validate.errors },
    );
  }
  const { tool } = compiled;
  const config = await ctx.upstream.directory.upstreamConfig(ctx.server.orgId, ctx.server.serverId);
  const base = resolveBaseUrl(config?.baseUrl, tool.binding.servers, ctx.toolSet.manifest.servers);
  if (!base.ok) return errorResult(base.message);

  let built: ReturnType<typeof buildRequest>;
  try {
    built = buildRequest(tool, args, { baseUrl: base.baseUrl });
  } catch (error) {
    if (!(error instanceof RequestBuildError)) throw error;
    // A base URL problem is the server's configuration, not the caller's arguments.
    if (error.code === 'INVALID_BASE_URL') return errorResult(error.message);
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Invalid arguments for tool ${params.name}: ${error.message}`,
      { code: error.code, ...(error.arg !== undefined ? { arg: error.arg } : {}) },
    );
  }
  const request = assembleUpstreamRequest(built, config?.credential);
  const started = performance.now();
  const outcome = await callUpstream(request, ctx.upstream);
  const ms = Math.round(performance.now() - started);
  // Logged: tool, upstream host and status. Never the URL's query or any header (credentials).
  if (!outcome.ok) {
    ctx.log.warn(
      { tool: tool.name, upstreamHost: request.url.host, failure: outcome.failure.kind, ms },
      'upstream call failed',
    );
    return errorResult(outcome.failure.message);
  }
  const { response } = outcome;
  ctx.log.info(
    { tool: tool.name, upstreamHost: request.url.host, status: response.status, ms },
    'upstream call',
  );
  const result = toToolResult({
    status: response.status,
    headers: response.headers,
    body: response.body,
  }) as ToolResult;
  if (response.truncated) {
    result.content.push({
      type: 'text',
      text: `[The upstream response was truncated at ${ctx.upstream.maxResponseBytes} bytes.]`,
    });
  }
  return result;
}

function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

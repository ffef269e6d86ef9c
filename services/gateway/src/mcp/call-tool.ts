import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { ServerScopedAgent } from '@portico/net';
import {
  buildRequest,
  type HttpResponse,
  RequestBuildError,
  resolveBaseUrl,
  type ToolResult,
  toToolResult,
} from '@portico/openapi-to-mcp';
import type { ServerRecord } from '@portico/store';
import type { FastifyBaseLogger } from 'fastify';
import type { Caller } from '../access.js';
import type { ServerDirectory } from '../lookup.js';
import { callUpstream } from '../upstream/call.js';
import { assembleUpstreamRequest } from '../upstream/request.js';
import { runMetaTool } from './meta-call.js';
import { enforceOutputSchema } from './output.js';
import { type CompiledTool, describeAjvErrors, type ToolSet } from './toolset.js';

/** The process-wide upstream side of tool calls, built once per route plugin. */
export interface UpstreamDeps {
  /** Cached (org, server) -> upstream config; read only when a tool is actually called. */
  directory: Pick<ServerDirectory, 'upstreamConfig'>;
  /** The one keep-alive, SSRF-guarded undici Agent. */
  dispatcher: ServerScopedAgent;
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
  /** Who calls (the route admitted it and checked the message); absent = a machine caller. */
  caller?: Caller;
}

/** The `tools/list` pages a caller is shown: an anonymous caller sees the public tools only. */
export function pagesFor(ctx: ToolCallContext): ToolSet['pages'] {
  return ctx.caller?.kind === 'anonymous' ? ctx.toolSet.publicPages : ctx.toolSet.pages;
}

export type { ToolResult } from '@portico/openapi-to-mcp';

/** Arguments of a tools/call, as the hot path and the SDK hand them over. */
export interface CallParams {
  name: string;
  arguments?: Record<string, unknown>;
}

/**
 * The `tools/call` verb (MCP spec, server/tools, Calling Tools; Error Handling).
 * - Dynamic mode: the meta-tools (search_tools, describe_tool, call_tool) are answered first.
 * - Unknown tool (never configured, or excluded by the server's selection), or arguments failing
 *   the tool's inputSchema: throws ProtocolError -32602 (JSON-RPC invalid params); the upstream is
 *   never called.
 * - Otherwise calls the upstream once; upstream 4xx/5xx, network failure, timeout, SSRF refusal and
 *   a missing base URL are tool results with `isError: true` (API failures are results, so the
 *   model can see and react to them). A tool whose outputSchema was listed gets structuredContent
 *   only when it conforms (see enforceOutputSchema).
 */
export async function callTool(ctx: ToolCallContext, params: CallParams): Promise<ToolResult> {
  if (ctx.caller?.kind === 'anonymous' && !ctx.toolSet.publicTools.has(params.name)) {
    // The route answers 401 before this (authorizeMessages); kept as a second line of defence.
    throw new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Sign-in required for this tool');
  }
  const meta = ctx.toolSet.meta?.get(params.name);
  const args = params.arguments ?? {};
  if (meta) {
    const validate = meta.validator();
    if (!validate(args)) throw invalidArguments(params.name, describeAjvErrors(validate.errors));
    return runMetaTool(ctx, meta.kind, args, callApiTool);
  }
  const compiled = ctx.toolSet.tools.get(params.name);
  if (!compiled) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
  }
  return callApiTool(ctx, compiled, args, compiled.outputSchemaListed && !ctx.toolSet.meta);
}

/**
 * Calls one API tool: validates `args` (ProtocolError -32602 when they fail), calls the upstream,
 * maps the answer with toToolResult, then enforces the outputSchema (`listed`: whether the client
 * was shown it). Also the body of dynamic mode's call_tool.
 */
export async function callApiTool(
  ctx: ToolCallContext,
  compiled: CompiledTool,
  args: Record<string, unknown>,
  listed: boolean,
): Promise<ToolResult> {
  const { tool } = compiled;
  const validate = compiled.validator();
  if (!validate(args)) {
    throw invalidArguments(tool.name, describeAjvErrors(validate.errors), {
      errors: validate.errors,
    });
  }
  const config = await ctx.upstream.directory.upstreamConfig(ctx.server.orgId, ctx.server.serverId);
  const base = resolveBaseUrl(config?.baseUrl, tool.binding.servers, ctx.toolSet.manifest.servers);
  if (!base.ok) return errorResult(base.message);

  let built: ReturnType<typeof buildRequest>;
  try {
    built = buildRequest(tool, args, { baseUrl: base.baseUrl });
  } catch (error) {
    if (!(error instanceof RequestBuildError)) throw error;
    // A base URL problem is the server's configuration, not the caller's arguments.
    if (error.code === 'INVALID_BASE_URL' || error.code === 'ORIGIN_MISMATCH') {
      return errorResult(error.message);
    }
    throw invalidArguments(tool.name, error.message, {
      code: error.code,
      ...(error.arg !== undefined ? { arg: error.arg } : {}),
    });
  }
  const assembled = assembleUpstreamRequest(built, config);
  if (!assembled.ok) {
    ctx.log.warn(
      { tool: tool.name, upstreamOrigin: base.origin, credentialOrigin: assembled.pinnedTo },
      'upstream credential pinned to another origin: call refused',
    );
    return errorResult(assembled.message);
  }
  const { request } = assembled;
  const started = performance.now();
  const outcome = await callUpstream(request, ctx.upstream, ctx.server.slug);
  const ms = Math.round(performance.now() - started);
  // Logged: tool, upstream host and status. Never the URL's query or any header (credentials).
  if (!outcome.ok) {
    ctx.log.warn(
      {
        tool: tool.name,
        upstreamHost: upstreamHost(base.origin),
        failure: outcome.failure.kind,
        ms,
      },
      'upstream call failed',
    );
    return errorResult(outcome.failure.message);
  }
  const { response } = outcome;
  ctx.log.info(
    { tool: tool.name, upstreamHost: upstreamHost(base.origin), status: response.status, ms },
    'upstream call',
  );
  const result = toToolResult(response, {
    ...totalBytesOf(response),
    // The resource URI of a binary answer: origin and path only, since a query credential may be
    // in the query string (buildRequest writes no fragment).
    url: request.url.slice(0, request.url.indexOf('?') >>> 0),
  });
  return enforceOutputSchema(result, compiled, response.status, listed);
}

/** The full size of a truncated body, when the upstream declared it (Content-Length). */
function totalBytesOf(response: HttpResponse): { totalBytes?: number } {
  if (!response.truncated) return {};
  const declared = Number(response.headers['content-length']);
  return Number.isSafeInteger(declared) && declared > 0 ? { totalBytes: declared } : {};
}

function invalidArguments(name: string, detail: string, data?: unknown): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Invalid arguments for tool ${name}: ${detail}`,
    data,
  );
}

export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** `host[:port]` of an origin (`https://api.example.com` -> `api.example.com`), for the log. */
function upstreamHost(origin: string): string {
  return origin.slice(origin.indexOf('//') + 2);
}

import type { HttpResponse, ToolResult } from '@portico/openapi-to-mcp';
import {
  buildRequest,
  RequestBuildError,
  resolveBaseUrl,
  toToolResult,
} from '@portico/openapi-to-mcp';
import { describeAjvErrors } from '../tools/ajv.js';
import type { CompiledTool } from '../tools/types.js';
import type { ToolCallContext } from './context.js';
import { errorResult, invalidArguments } from './failures.js';
import { enforceOutputSchema } from './output.js';
import { callUpstream } from './upstream-call.js';
import { assembleUpstreamRequest } from './upstream-request.js';

/**
 * Calls one API tool: validates `args` (VALIDATION_FAILED when they fail), calls the upstream,
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
  const config = await ctx.upstream.configs.get(ctx.server.orgId, ctx.server.serverId);
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

/** `host[:port]` of an origin (`https://api.example.com` -> `api.example.com`), for the log. */
function upstreamHost(origin: string): string {
  return origin.slice(origin.indexOf('//') + 2);
}

import { type SafeFailure, type SafeResponse, ServerScopedAgent, safeRequest } from '@portico/net';
import type { Dispatcher } from 'undici';

/** What {@link callUpstream} sends: built from scratch by the gateway, never from inbound headers. */
export interface UpstreamRequest {
  /** Any case (`get`, `POST`); sent upper-cased. */
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** The upstream's answer, body capped (`truncated` when cut at `maxResponseBytes`). */
export type UpstreamResponse = SafeResponse;

/** Why an upstream call produced no response. `message` is safe to show to the MCP client. */
export type UpstreamFailure = SafeFailure;

export interface CallUpstreamOptions {
  /**
   * The SSRF-guarded pool. A `ServerScopedAgent` (what the gateway builds) is asked for the
   * calling server's Agent, so operator grants apply to the servers they were granted for.
   */
  dispatcher: Dispatcher;
  /** Overall deadline for connect + headers + body, ms. */
  timeoutMs: number;
  /** Response body cap, bytes; the rest is discarded and `truncated` set. */
  maxResponseBytes: number;
}

/**
 * Performs one upstream HTTP call for the server `serverSlug` through @portico/net's
 * `safeRequest`: the host allowances of that server apply (`slug=host:port` grants of
 * `PORTICO_ALLOW_UPSTREAM_HOSTS`, plus the bare ones; without a slug, the bare ones only),
 * redirects are NOT followed (a 3xx comes back as the response), the deadline and body cap hold,
 * and network conditions resolve `{ ok: false, failure }` instead of throwing, with a message that
 * names the upstream's host only (a query credential may be in the URL) and says it was the
 * upstream. A refusal names the egress rule, never what the host resolved to.
 */
export async function callUpstream(
  req: UpstreamRequest,
  options: CallUpstreamOptions,
  serverSlug?: string,
): Promise<{ ok: true; response: UpstreamResponse } | { ok: false; failure: UpstreamFailure }> {
  const pool = options.dispatcher;
  const outcome = await safeRequest(
    { ...req, method: req.method.toUpperCase() as Dispatcher.HttpMethod },
    {
      dispatcher:
        pool instanceof ServerScopedAgent && serverSlug !== undefined
          ? pool.forServer(serverSlug)
          : pool,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxResponseBytes,
    },
  );
  if (outcome.ok) return outcome;
  const { kind, message } = outcome.failure;
  const shown = kind === 'blocked' ? `Upstream call refused: ${message}` : `Upstream ${message}`;
  return { ok: false, failure: { kind, message: shown } };
}

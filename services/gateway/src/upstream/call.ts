import {
  type SafeFailure,
  type SafeResponse,
  type ServerScopedAgent,
  safeRequest,
} from '@portico/net';
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
  /** The SSRF-guarded pools, one per granted server: operator grants apply where granted. */
  dispatcher: ServerScopedAgent;
  /** Overall deadline for connect + headers + body, ms. */
  timeoutMs: number;
  /** Response body cap, bytes; the rest is discarded and `truncated` set. */
  maxResponseBytes: number;
}

/**
 * Performs one upstream HTTP call for the server `serverSlug` through @portico/net's
 * `safeRequest`: the host allowances of that server apply (`slug=host:port` grants of
 * `PORTICO_ALLOW_UPSTREAM_HOSTS`, plus the bare ones),
 * redirects are NOT followed (a 3xx comes back as the response), the deadline and body cap hold,
 * and network conditions resolve `{ ok: false, failure }` instead of throwing, with a message that
 * names the upstream's host only (a query credential may be in the URL) and says it was the
 * upstream. A refusal names the egress rule, never what the host resolved to.
 */
export async function callUpstream(
  req: UpstreamRequest,
  options: CallUpstreamOptions,
  serverSlug: string,
): Promise<{ ok: true; response: UpstreamResponse } | { ok: false; failure: UpstreamFailure }> {
  const outcome = await safeRequest(
    { ...req, method: req.method.toUpperCase() as Dispatcher.HttpMethod },
    {
      dispatcher: options.dispatcher.forServer(serverSlug),
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxResponseBytes,
    },
  );
  if (outcome.ok) return outcome;
  const { kind, message } = outcome.failure;
  const shown = kind === 'blocked' ? `Upstream call refused: ${message}` : `Upstream ${message}`;
  return { ok: false, failure: { kind, message: shown } };
}

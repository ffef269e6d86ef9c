import { type SafeResult, type ServerScopedAgent, safeRequest } from '@portico/net';
import type { HttpRequest } from '@portico/openapi-to-mcp';

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
  req: HttpRequest,
  options: CallUpstreamOptions,
  serverSlug: string,
): Promise<SafeResult> {
  const outcome = await safeRequest(req, {
    dispatcher: options.dispatcher.forServer(serverSlug),
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxResponseBytes,
  });
  if (outcome.ok) return outcome;
  const { kind, message } = outcome.failure;
  const shown = kind === 'blocked' ? `Upstream call refused: ${message}` : `Upstream ${message}`;
  return { ok: false, failure: { kind, message: shown } };
}

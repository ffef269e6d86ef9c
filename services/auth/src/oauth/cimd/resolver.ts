import { createSafeAgent } from '@portico/net';
import { TtlLru } from './cache.js';
import { checkClientIdUrl } from './client-id.js';
import { type CimdClient, parseClientDocument } from './document.js';
import { fetchClientDocument } from './fetch.js';

/** How Client ID Metadata Documents are fetched; operators and tests set these. */
export interface CimdOptions {
  /**
   * `host` or `host:port` entries exempt from the SSRF policy (a test's https server on
   * 127.0.0.1). Everything else must resolve to public unicast addresses only.
   */
  allowHosts?: string[];
  /** Extra trusted CA certificate, PEM (a test's self-signed certificate). */
  ca?: string | Buffer;
  /** Deadline of one fetch (connect, headers, body), ms. Default 5000. */
  timeoutMs?: number;
}

/** A resolved client, or why it cannot be used (the reason is shown on the page). */
export type CimdResolution = { ok: true; client: CimdClient } | { ok: false; reason: string };

/** Resolves URL client_ids to their validated documents, with an in-memory cache. */
export interface CimdResolver {
  resolve(clientId: string): Promise<CimdResolution>;
  /** Closes the connection pool. */
  close(): Promise<void>;
}

/** Cache bounds, seconds: a document is kept for its `max-age` clamped to these. */
export const CIMD_CACHE = {
  minSeconds: 60,
  maxSeconds: 24 * 60 * 60,
  defaultSeconds: 5 * 60,
  /** A failure is remembered this long, so a bad URL cannot make us fetch in a loop. */
  failureSeconds: 30,
  maxEntries: 1000,
} as const;

/**
 * The resolver of Client ID Metadata Documents (MCP authorization 2025-11-25, "Client ID
 * Metadata Documents"; draft-ietf-oauth-client-id-metadata-document): checks the URL (section 3),
 * fetches it through an SSRF-safe agent of its own (5 s, 64 KiB, no redirects), validates the
 * document (section 4) and caches the outcome in a bounded LRU keyed by the exact client_id:
 * documents for their `Cache-Control: max-age` clamped to [60 s, 24 h] (default 5 min), failures
 * for 30 s. The draft says not to cache error responses; failures are still kept briefly here
 * because every authorize and token request would otherwise trigger a fetch of an attacker's
 * URL. Concurrent resolutions of one client_id share one fetch. `now` is the service's clock.
 */
export function createCimdResolver(options: CimdOptions, now: () => Date): CimdResolver {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const dispatcher = createSafeAgent({
    ...(options.allowHosts ? { allowHosts: options.allowHosts } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    connectTimeoutMs: timeoutMs,
    connections: 16,
  });
  const cache = new TtlLru<CimdResolution>(CIMD_CACHE.maxEntries);
  const inFlight = new Map<string, Promise<CimdResolution>>();

  async function load(clientId: string): Promise<{ result: CimdResolution; keepSeconds: number }> {
    const failed = (reason: string) => ({
      result: { ok: false as const, reason },
      keepSeconds: CIMD_CACHE.failureSeconds,
    });
    const checked = checkClientIdUrl(clientId);
    if (!checked.ok) return failed(checked.reason);
    const fetched = await fetchClientDocument(checked.url, { dispatcher, timeoutMs });
    if (!fetched.ok) return failed(fetched.reason);
    const parsed = parseClientDocument(clientId, checked.url.host, fetched.body);
    if (!parsed.ok) return failed(parsed.reason);
    const keepSeconds = Math.min(
      Math.max(fetched.maxAgeSeconds ?? CIMD_CACHE.defaultSeconds, CIMD_CACHE.minSeconds),
      CIMD_CACHE.maxSeconds,
    );
    return { result: parsed, keepSeconds };
  }

  return {
    async resolve(clientId) {
      const cached = cache.get(clientId, now().getTime());
      if (cached) return cached;
      const pending = inFlight.get(clientId);
      if (pending) return pending;
      const job = load(clientId)
        .then(({ result, keepSeconds }) => {
          cache.set(clientId, result, now().getTime() + keepSeconds * 1000);
          return result;
        })
        .finally(() => inFlight.delete(clientId));
      inFlight.set(clientId, job);
      return job;
    },
    close: () => dispatcher.close(),
  };
}

import { Agent, buildConnector } from 'undici';
import { AddressBlockedError, bareHost, isIpLiteral, isPublicUnicast } from './address.js';
import { HostAllowList } from './allow-list.js';
import { guardedLookup } from './lookup.js';

/** Options of an SSRF-safe connection pool. */
export interface SafeAgentOptions {
  /**
   * `host` or `host:port` entries exempt from the address policy (operators only). A
   * `slug=host:port` grant is refused here (TypeError): those scope to one server and go through
   * {@link createServerScopedAgent}.
   */
  allowHosts?: readonly string[];
  /** TCP + TLS connect timeout, ms. Default 10_000. */
  connectTimeoutMs?: number;
  /** Extra trusted CA certificate(s), PEM, for TLS (tests serving https from 127.0.0.1). */
  ca?: string | Buffer | readonly (string | Buffer)[];
  /** Idle keep-alive of pooled sockets, ms. Default 10_000. */
  keepAliveTimeoutMs?: number;
  /** Sockets per origin. Default 128. */
  connections?: number;
}

/**
 * A keep-alive undici Agent whose `connect` enforces the address policy before a socket exists
 * (docs/architecture.md section 4, SSRF guard: no loopback, link-local, private or multicast
 * destination in any spelling, through DNS or redirects, unless an operator allows the host):
 * - allow-listed `host[:port]`: connect as usual;
 * - IP literal (undici hands over the URL-normalized host, so `2130706433` and `0x7f.1` arrive as
 *   `127.0.0.1`, `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`): checked directly, refused at once;
 * - DNS name: connected through {@link guardedLookup}, which refuses unless every resolved address
 *   is public unicast.
 * Pooled sockets are reused only for the same origin, so one check per socket is enough. The
 * Agent follows no redirects (undici never does without a redirect interceptor); callers get the
 * 3xx as the answer. Refusals surface as an {@link AddressBlockedError} in the error's cause chain.
 */
export function createSafeAgent(options: SafeAgentOptions = {}): Agent {
  // Validated before the Agent exists: a TypeError for a bad or server-scoped entry.
  const allow = new HostAllowList(options.allowHosts ?? []);
  const timeout = options.connectTimeoutMs ?? 10_000;
  const tls = options.ca ? { ca: options.ca as string | Buffer | (string | Buffer)[] } : {};
  const plain = buildConnector({ timeout, ...tls });
  const guarded = buildConnector({ timeout, lookup: guardedLookup, ...tls });
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    connections: options.connections ?? 128,
    connect(opts, callback) {
      const port = opts.port || (opts.protocol === 'https:' ? '443' : '80');
      const decision = connectDecision(allow, opts.hostname, port);
      if (decision === 'refuse')
        return callback(new AddressBlockedError(bareHost(opts.hostname)), null);
      return decision === 'connect' ? plain(opts, callback) : guarded(opts, callback);
    },
  });
}

/**
 * What the Agent's `connect` does with a destination, before any socket or DNS query exists:
 * `connect` (allow-listed, or a public unicast IP literal), `refuse` (any other IP literal), or
 * `resolve` (a DNS name: connected through {@link guardedLookup}, which judges every address).
 * `hostname` as undici hands it over (URL-normalized, IPv6 in brackets); `port` decimal.
 */
export function connectDecision(
  allow: HostAllowList,
  hostname: string,
  port: string,
): 'connect' | 'refuse' | 'resolve' {
  if (allow.allows(hostname, port)) return 'connect';
  if (!isIpLiteral(hostname)) return 'resolve';
  return isPublicUnicast(bareHost(hostname)) ? 'connect' : 'refuse';
}

import { Agent, buildConnector } from 'undici';
import {
  bareHost,
  guardedLookup,
  HostAllowList,
  isIpLiteral,
  isPublicUnicast,
  UpstreamAddressBlockedError,
} from './ssrf.js';

/** Options of the upstream connection pool. */
export interface UpstreamAgentOptions {
  /** `host` or `host:port` entries exempt from the SSRF policy. */
  allowHosts?: readonly string[];
  /** TCP + TLS connect timeout, ms. Default 10_000. */
  connectTimeoutMs?: number;
}

/**
 * The one keep-alive undici Agent every upstream call goes through. Its `connect` enforces the SSRF
 * policy before a socket exists:
 * - allow-listed `host[:port]`: connect as usual;
 * - IP literal (undici hands us the URL-normalized host, so `2130706433` and `0x7f.1` arrive as
 *   `127.0.0.1`, `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`): checked directly, refused synchronously;
 * - DNS name: connected with {@link guardedLookup}, which refuses unless every resolved address is
 *   public unicast, so the checked address is the dialed address.
 * Pooled sockets are reused only for the same origin, so a check once per socket is enough.
 */
export function createUpstreamAgent(options: UpstreamAgentOptions = {}): Agent {
  const allow = new HostAllowList(options.allowHosts ?? []);
  const timeout = options.connectTimeoutMs ?? 10_000;
  const plain = buildConnector({ timeout });
  const guarded = buildConnector({ timeout, lookup: guardedLookup });
  return new Agent({
    keepAliveTimeout: 10_000,
    connections: 128,
    connect(opts, callback) {
      const port = opts.port || (opts.protocol === 'https:' ? '443' : '80');
      if (allow.allows(opts.hostname, port)) return plain(opts, callback);
      if (isIpLiteral(opts.hostname)) {
        const ip = bareHost(opts.hostname);
        if (!isPublicUnicast(ip)) return callback(new UpstreamAddressBlockedError(ip), null);
        return plain(opts, callback);
      }
      return guarded(opts, callback);
    },
  });
}

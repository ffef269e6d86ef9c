import { bareHost } from './address.js';

/**
 * Operator allow-list of explicit `host` or `host:port` entries exempt from the address policy
 * (the local stack's demo upstream, a test's local HTTPS server). Matching is exact on the
 * URL-normalized hostname (lowercase, IPv6 without brackets); a bare `host` allows every port.
 */
export class HostAllowList {
  private readonly hosts = new Set<string>();
  private readonly hostPorts = new Set<string>();

  /** Throws a TypeError for an entry that is not a host or host:port. */
  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      const url = new URL(`http://${entry}`);
      const host = bareHost(url.hostname);
      if (url.port === '' && !/:\d+$/.test(entry)) this.hosts.add(host);
      else this.hostPorts.add(`${host}:${url.port || '80'}`);
    }
  }

  /** `hostname` as undici gives it (may carry IPv6 brackets); `port` as a decimal string. */
  allows(hostname: string, port: string): boolean {
    const host = bareHost(hostname.toLowerCase());
    return this.hosts.has(host) || this.hostPorts.has(`${host}:${port}`);
  }
}

import { bareHost } from './address.js';

/** A DNS name, an IPv4 literal or a bracketed IPv6 literal, then an optional `:port`. */
const HOST_ENTRY = /^(?:[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;
/** A server slug (the control API's rule): lowercase letters, digits, inner hyphens, 1-63. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Operator allow-list of explicit `host` or `host:port` entries exempt from the address policy
 * (the local stack's demo upstream, a test's local HTTPS server). Matching is exact on the
 * URL-normalized hostname (lowercase, IPv6 without brackets); a bare `host` allows every port.
 */
export class HostAllowList {
  private readonly hosts = new Set<string>();
  private readonly hostPorts = new Set<string>();

  /**
   * Throws a TypeError naming the entry for one that is not a `host` or `host:port` (a
   * `slug=host:port` grant included: those belong to {@link parseHostGrants}).
   */
  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      const url = HOST_ENTRY.test(entry) ? URL.parse(`http://${entry}`) : null;
      if (!url) throw new TypeError(`not a host or host:port: ${JSON.stringify(raw)}`);
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

/** Operator grants split by scope: entries for every server, and entries per server slug. */
export interface HostGrants {
  /** Bare `host[:port]` entries: exempt for every server (a single-user local stack, tests). */
  everyServer: string[];
  /** `slug=host[:port]` entries: exempt for that server only. Keyed by slug. */
  byServer: Map<string, string[]>;
}

/**
 * Parses the operator's upstream allowances (`PORTICO_ALLOW_UPSTREAM_HOSTS`, split on commas):
 * `slug=host:port` grants one server, a bare `host:port` grants every server; `host` without a
 * port allows every port. Blank entries are skipped. Throws a TypeError naming the first entry
 * that is neither form (so a bad setting stops boot).
 */
export function parseHostGrants(entries: readonly string[]): HostGrants {
  const grants: HostGrants = { everyServer: [], byServer: new Map() };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const host = eq === -1 ? entry : entry.slice(eq + 1).trim();
    const slug = eq === -1 ? undefined : entry.slice(0, eq).trim();
    if (
      !HOST_ENTRY.test(host) ||
      !URL.parse(`http://${host}`) ||
      (slug !== undefined && !SLUG.test(slug))
    ) {
      throw new TypeError(`not a host:port or slug=host:port entry: ${JSON.stringify(raw)}`);
    }
    if (slug === undefined) {
      grants.everyServer.push(host);
      continue;
    }
    grants.byServer.set(slug, [...(grants.byServer.get(slug) ?? []), host]);
  }
  return grants;
}

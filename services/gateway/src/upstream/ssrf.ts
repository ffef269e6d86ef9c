import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF policy for upstream calls (DESIGN.md invariant: upstream calls cannot reach loopback,
 * link-local, private or multicast addresses in any spelling, through DNS or redirects).
 *
 * The check runs at connect time on the address the socket will actually use, so every spelling
 * (decimal `2130706433`, hex `0x7f.1`, `[::ffff:127.0.0.1]`, `localhost`, a DNS name resolving to
 * 10.0.0.1) is judged by its resolved address, and DNS rebinding between "check" and "use" is
 * impossible: there is only one resolution, and it is the one we check.
 */

/** Thrown (as the connect error) when an upstream address is refused by the SSRF policy. */
export class UpstreamAddressBlockedError extends Error {
  readonly code = 'UPSTREAM_ADDRESS_BLOCKED';
  constructor(host: string, address?: string) {
    super(
      address === undefined || address === host
        ? `upstream address ${host} is not allowed (not a public unicast address)`
        : `upstream host ${host} resolves to ${address}, which is not allowed (not a public unicast address)`,
    );
    this.name = 'UpstreamAddressBlockedError';
  }
}

/**
 * True when `address` (an IP literal, IPv6 without brackets) is a public unicast address.
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged as the IPv4 it maps to; every ipaddr.js range
 * other than `unicast` (loopback, private, linkLocal, uniqueLocal, multicast, unspecified,
 * broadcast, carrierGradeNat, reserved, 6to4, teredo, rfc6052 NAT64, ...) is refused, because
 * several of them embed or route to internal IPv4 addresses.
 */
export function isPublicUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** Strips the brackets URL hosts put around IPv6 literals. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Allow-list of explicit `host` or `host:port` entries exempt from the policy (the local stack's
 * Prism demo upstream). Matching is exact on the URL-normalized hostname (lowercase, IPv6 without
 * brackets).
 */
export class HostAllowList {
  private readonly hosts = new Set<string>();
  private readonly hostPorts = new Set<string>();

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

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `net.connect` `lookup` function that resolves with the system resolver and refuses the
 * connection unless EVERY resolved address is public unicast (a name with one internal record is
 * refused outright rather than filtered: such a name is suspicious, and filtering would make the
 * outcome depend on resolver ordering). The socket is never opened for a refused name.
 */
export function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isPublicUnicast(a.address));
    if (bad || list.length === 0) {
      return callback(
        new UpstreamAddressBlockedError(hostname, bad?.address) as NodeJS.ErrnoException,
        [],
      );
    }
    if (options.all) return callback(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

/** True when `hostname` (possibly bracketed) is an IP literal. */
export function isIpLiteral(hostname: string): boolean {
  return isIP(bareHost(hostname)) !== 0;
}

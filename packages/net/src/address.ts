import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IANA's global unicast space, the only IPv6 block with public hosts (RFC 4291 section 2.4). */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');

/**
 * The address as ipaddr.js should read it. IPv6 is first written in the canonical form of the
 * WHATWG URL parser (hex groups only): ipaddr.js reads `::127.0.0.1` (IPv4-compatible,
 * `::7f00:1`) as if it were `::ffff:127.0.0.1`, so the dotted spellings would be judged as
 * another address than the one dialed. Undefined for anything that is not a plain IP literal
 * (zone ids `%eth0` included).
 */
function parseExact(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const family = isIP(address);
  if (family === 4) return ipaddr.IPv4.parse(address);
  if (family !== 6 || address.includes('%')) return undefined;
  const canonical = URL.parse(`http://[${address}]/`)?.hostname;
  return canonical ? ipaddr.IPv6.parse(bareHost(canonical)) : undefined;
}

/**
 * True when `address` (an IP literal, IPv6 without brackets) is a public unicast address:
 * - IPv4: ipaddr.js range `unicast` (refused: loopback, private, linkLocal incl.
 *   169.254.169.254, carrierGradeNat, multicast, unspecified, broadcast, reserved, ...);
 * - IPv4-mapped IPv6 (`::ffff:a.b.c.d`, any spelling): judged as the IPv4 it maps to;
 * - other IPv6: range `unicast` AND inside 2000::/3. Refused therefore: loopback, unspecified,
 *   link-local, site-local, unique-local (fc00::/7), multicast, IPv4-compatible (`::a.b.c.d`),
 *   SIIT (`::ffff:0:a.b.c.d`), NAT64 (64:ff9b::/96 and 64:ff9b:1::/48, RFC 6052 / 8215),
 *   6to4 (2002::/16, RFC 3056), Teredo (2001::/32, RFC 4380), documentation and benchmarking
 *   ranges: the transition forms embed an IPv4 address a relay or translator would dial, and
 *   none is judged by what it embeds.
 * Not an IP literal: false. Never throws.
 */
export function isPublicUnicast(address: string): boolean {
  const ip = parseExact(address);
  if (!ip) return false;
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  return v6.range() === 'unicast' && v6.match(GLOBAL_UNICAST_V6, 3);
}

/** Strips the brackets URL hosts put around IPv6 literals (`[::1]` -> `::1`). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** True when `hostname` (possibly bracketed) is an IP literal. */
export function isIpLiteral(hostname: string): boolean {
  return isIP(bareHost(hostname)) !== 0;
}

/** The egress rule a refusal names (never the address a name resolved to). */
export const EGRESS_RULE = 'upstream addresses must be public unicast';

/**
 * Thrown (as the connect error) when a destination is refused by the address policy. `code` is
 * stable for callers that map it (`ADDRESS_BLOCKED`). The message names the host as the caller
 * wrote it and the rule, never what a DNS name resolved to: echoing "resolves to 10.0.0.7" would
 * let a tenant map internal names.
 */
export class AddressBlockedError extends Error {
  readonly code = 'ADDRESS_BLOCKED';
  readonly rule = EGRESS_RULE;
  /** `host`: the IP literal or DNS name dialed (IPv6 without brackets). */
  constructor(host: string) {
    super(`${isIP(host) ? 'address' : 'host'} ${host} is not allowed (${EGRESS_RULE})`);
    this.name = 'AddressBlockedError';
  }
}

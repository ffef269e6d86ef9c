import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * True when `address` (an IP literal, IPv6 without brackets) is a public unicast address.
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged as the IPv4 it maps to; every ipaddr.js range
 * other than `unicast` (loopback, private, linkLocal incl. 169.254.169.254, uniqueLocal,
 * multicast, unspecified, broadcast, carrierGradeNat, reserved, 6to4, teredo, rfc6052 NAT64, ...)
 * is refused, because several of them embed or route to internal IPv4 addresses. Not an IP
 * literal: false.
 */
export function isPublicUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** Strips the brackets URL hosts put around IPv6 literals (`[::1]` -> `::1`). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** True when `hostname` (possibly bracketed) is an IP literal. */
export function isIpLiteral(hostname: string): boolean {
  return isIP(bareHost(hostname)) !== 0;
}

/**
 * Thrown (as the connect error) when a destination is refused by the address policy. `code` is
 * stable for callers that map it (`ADDRESS_BLOCKED`).
 */
export class AddressBlockedError extends Error {
  readonly code = 'ADDRESS_BLOCKED';
  constructor(host: string, address?: string) {
    super(
      address === undefined || address === host
        ? `address ${host} is not allowed (not a public unicast address)`
        : `host ${host} resolves to ${address}, which is not allowed (not a public unicast address)`,
    );
    this.name = 'AddressBlockedError';
  }
}

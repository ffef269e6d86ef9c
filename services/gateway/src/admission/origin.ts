import { validateHostHeader } from '@modelcontextprotocol/server';

/** Why {@link OriginPolicy.check} refused a request; both are answered 403. */
export type OriginRefusal = 'host' | 'origin';

/**
 * Origin (and optionally Host) validation for the MCP endpoint (MCP basic/transports, Streamable
 * HTTP, Security Warning: "Servers MUST validate the Origin header on all incoming connections to
 * prevent DNS rebinding attacks"; "If the Origin header is present and invalid, servers MUST
 * respond with HTTP 403").
 *
 * Host rule, only when `allowedHosts` is configured: the request's host name (port-agnostic, the
 * SDK's `validateHostHeader`) must be listed. This is what actually defeats DNS rebinding: a
 * rebound page at `evil.example.com` sends `Host: evil.example.com` AND
 * `Origin: http://evil.example.com`, which the same-origin rule below cannot tell from a genuine
 * same-origin page (the conformance suite's `dns-rebinding-protection` scenario sends exactly
 * that). A gateway reachable on loopback must therefore configure it (`src/main.ts` defaults it to
 * the localhost names when it binds a loopback address).
 *
 * Origin rules, in order:
 * - no `Origin` header (or an empty one): allowed. Non-browser MCP clients send none; the attack
 *   this defends against runs in a browser, which always sends one on a cross-origin POST.
 * - `Origin` equal to an `allowedOrigins` entry (compared as serialized origins,
 *   `scheme://host[:port]`, so case and default ports do not matter): allowed.
 * - `Origin` whose `host[:port]` equals the request's `Host` (as fastify resolves it; with
 *   `trustProxy` that is `X-Forwarded-Host` from the ALB): same-origin, allowed. The scheme is not
 *   compared because TLS ends at the load balancer.
 * - anything else, including the opaque `null` origin and unparseable values: refused (403).
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly hosts: string[] | undefined;

  /**
   * @param allowedOrigins origins such as `https://app.example.com` or `http://localhost:6274`
   *   (an entry that is not a URL is ignored: it could never match a browser's Origin).
   * @param allowedHosts host names (no port; IPv6 in brackets) the endpoint answers to, or
   *   `undefined` to accept any Host.
   */
  constructor(allowedOrigins: readonly string[] = [], allowedHosts?: readonly string[]) {
    this.hosts = allowedHosts?.map((h) => h.toLowerCase());
    const set = new Set<string>();
    for (const entry of allowedOrigins) {
      const origin = serializedOrigin(entry);
      if (origin !== undefined) set.add(origin);
    }
    this.allowed = set;
  }

  /**
   * `undefined` when a request may proceed, else why not. `origin` is the raw `Origin` header,
   * `host` the request's host (`host[:port]`).
   */
  check(
    origin: string | string[] | undefined,
    host: string | undefined,
  ): OriginRefusal | undefined {
    if (this.hosts !== undefined && !validateHostHeader(host, this.hosts).ok) return 'host';
    return this.allowsOrigin(origin, host) ? undefined : 'origin';
  }

  private allowsOrigin(origin: string | string[] | undefined, host: string | undefined): boolean {
    if (origin === undefined || origin === '') return true;
    if (typeof origin !== 'string') return false;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.origin === 'null' || url.host === '') return false;
    if (this.allowed.has(url.origin)) return true;
    return host !== undefined && url.host === normalizedHost(url.protocol, host);
  }
}

/** `host[:port]` as a URL of `protocol` serializes it (lower case, default port dropped). */
function normalizedHost(protocol: string, host: string): string | undefined {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return undefined;
  }
}

function serializedOrigin(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

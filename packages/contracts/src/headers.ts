/**
 * Header names (lower case) that the gateway owns on the upstream connection: framing, routing and
 * hop-by-hop headers (RFC 9110 section 7.6.1). Values generated for them from tool arguments are
 * dropped, and an upstream credential may not be configured under one of them.
 */
export const GATEWAY_OWNED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
]);

/**
 * Header names an upstream credential may not use: the gateway-owned ones, the body's media type,
 * and the forwarding headers a proxy sets (a credential there would forge the caller's address).
 */
export const RESERVED_CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  ...GATEWAY_OWNED_HEADERS,
  'content-type',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);

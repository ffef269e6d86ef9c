/**
 * What every Portico service keeps out of its logs (secrets and personal data never appear in logs:
 * docs/architecture.md section 4). One list for all services, so a new route in any of them is
 * covered the same way:
 * - request URLs are logged as the route pattern (`/api/v1/servers/:slug/end-users`) plus the
 *   query's names with every value replaced (`?email=[redacted]`), see {@link loggedUrl};
 * - the pino paths below are censored wherever a log line carries them.
 * A service adds only its own secrets (email codes, API keys, credential values) on top.
 */

/** The censor pino writes in place of a redacted value, and the stand-in for query values. */
export const LOG_CENSOR = '[redacted]';

/**
 * Pino redaction paths of credentials and personal data common to every service: inbound
 * credentials and cookies, email addresses and recipients, request bodies.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-portico-signup-token"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["x-portico-signup-token"]',
  'res.headers["set-cookie"]',
  'body',
  'req.body',
  'email',
  '*.email',
  'to',
  '*.to',
];

/** What {@link loggedUrl} reads of a fastify request. */
export interface LoggableRequest {
  /** The raw request target (path and query), as received. */
  url: string;
  /** fastify's matched route; `url` is its pattern (`/s/:slug/mcp`), absent when none matched. */
  routeOptions?: { url?: string | undefined };
}

/** An `@` in any spelling a URL carries it: literal, percent-encoded, or double-encoded. */
const ADDRESS_SIGN = /@|%40|%2540/i;

/**
 * The request target as logged: the matched route's pattern, or for an unmatched request (404)
 * its path with every segment holding an `@` (any encoding) replaced; then the query with each
 * name kept and each value replaced by {@link LOG_CENSOR} (`?email=[redacted]&limit=[redacted]`).
 * Query values are never logged, whatever their name: a prefix, a cursor or an OAuth `state` can
 * all carry an address. Names holding an `@` are replaced too. Never throws.
 */
export function loggedUrl(req: LoggableRequest): string {
  const raw = req.url;
  const mark = raw.indexOf('?');
  const path = mark === -1 ? raw : raw.slice(0, mark);
  const route = req.routeOptions?.url;
  const shownPath =
    route ||
    path
      .split('/')
      .map((segment) => (ADDRESS_SIGN.test(segment) ? LOG_CENSOR : segment))
      .join('/');
  if (mark === -1) return shownPath;
  const names = raw
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return `${ADDRESS_SIGN.test(name) ? LOG_CENSOR : name}=${LOG_CENSOR}`;
    });
  return names.length === 0 ? shownPath : `${shownPath}?${names.join('&')}`;
}

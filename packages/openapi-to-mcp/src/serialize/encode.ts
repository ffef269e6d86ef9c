/**
 * Percent-encoding and value stringification shared by every serialization style
 * (RFC 3986 section 2; OpenAPI 3.1 section 4.8.12.4 defers to RFC 6570's expansion rules).
 */

/** encodeURIComponent plus the RFC 3986 sub-delims it leaves alone (`!'()*`): only unreserved characters pass. */
export function encodeStrict(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `allowReserved: true` (OpenAPI 3.1 section 4.8.12.2): the RFC 3986 reserved characters
 * `:/?#[]@!$&'()*+,;=` pass unencoded, everything else is percent-encoded, and existing `%XX`
 * escapes are kept (RFC 6570 reserved expansion). `#` alone stays encoded: it would end the URL's
 * query component and cut off every later parameter.
 */
export function encodeReserved(value: string): string {
  return encodeURI(value)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']')
    .replace(/#/g, '%23')
    .replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

/** Header values are sent as written (checked for control characters by the request builder). */
export function identity(value: string): string {
  return value;
}

/** A leaf value as text: strings as is, numbers and booleans as JSON, nested structures as JSON. */
export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Own enumerable entries of an object argument whose values are present (null/undefined omitted). */
export function entries(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
}

/** Array items that are present (null/undefined omitted). */
export function present(value: unknown[]): unknown[] {
  return value.filter((v) => v !== undefined && v !== null);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { type SafeRequestOptions, safeRequest } from '@portico/net';

/** Largest metadata document accepted, bytes (64 KiB: a few URIs and a name need under 5 KiB). */
export const CIMD_MAX_BYTES = 64 * 1024;

/** What a fetch gave: the parsed JSON and the `max-age` it may be kept for, or why not. */
export type FetchedDocument =
  | { ok: true; body: unknown; maxAgeSeconds?: number }
  | { ok: false; reason: string };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** `max-age` of a Cache-Control header in seconds; 0 for `no-store`/`no-cache`; else undefined. */
export function maxAgeOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  if (/(?:^|,)\s*no-(?:store|cache)\s*(?:,|$)/i.test(value)) return 0;
  const m = value.match(/(?:^|,)\s*max-age\s*=\s*"?(\d{1,10})"?\s*(?:,|$)/i);
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * GETs a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document section 5
 * "Client Information Discovery"; SSRF considerations in its security section) through the
 * SSRF-safe dispatcher of @portico/net: within `timeoutMs`, at most CIMD_MAX_BYTES, no redirect
 * followed (a 3xx is a failure), only a 200 with a JSON content type. Never throws for network
 * or document problems: the reason is safe to show on the authorize page.
 */
export async function fetchClientDocument(
  url: URL,
  opts: Pick<SafeRequestOptions, 'dispatcher' | 'timeoutMs'>,
): Promise<FetchedDocument> {
  const fail = (reason: string) => ({ ok: false as const, reason });
  const result = await safeRequest(
    {
      method: 'GET',
      url: url.href,
      headers: { accept: 'application/json', 'user-agent': 'portico-auth (client metadata)' },
    },
    { dispatcher: opts.dispatcher, timeoutMs: opts.timeoutMs, maxBytes: CIMD_MAX_BYTES },
  );
  if (!result.ok)
    return fail(`the metadata document could not be fetched: ${result.failure.message}`);
  const res = result.response;
  if (res.status >= 300 && res.status < 400) {
    return fail(
      `the metadata document URL answered a redirect (${res.status}), which is not followed`,
    );
  }
  if (res.status !== 200) return fail(`the metadata document URL answered ${res.status}`);
  const type = res.headers['content-type'];
  if (typeof type !== 'string' || !JSON_TYPE.test(type)) {
    return fail('the metadata document is not served as application/json');
  }
  if (res.truncated) return fail(`the metadata document is larger than ${CIMD_MAX_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(res.body).toString('utf8'));
  } catch {
    return fail('the metadata document is not valid JSON');
  }
  const maxAge = maxAgeOf(res.headers['cache-control']);
  return { ok: true, body, ...(maxAge !== undefined ? { maxAgeSeconds: maxAge } : {}) };
}

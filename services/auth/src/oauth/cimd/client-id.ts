/** Longest client_id URL accepted, characters. */
const MAX_CLIENT_ID_CHARS = 2000;

/**
 * True when `clientId` is URL-shaped (`http://` or `https://`, any case): such a client_id names a
 * Client ID Metadata Document, never a registered client (those are `cli_...`).
 */
export function isUrlClientId(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

/**
 * Checks a client_id URL against draft-ietf-oauth-client-id-metadata-document section 3
 * ("Client Identifier"): https scheme, a path component other than `/`, no dot segments, no
 * fragment, no user info. It must also be written in canonical form (what `new URL` serializes:
 * lowercase host, no default port), so the host shown on the consent page, the URL fetched and
 * the `client_id` the document must repeat are one string. Returns the parsed URL or why not.
 */
export function checkClientIdUrl(
  clientId: string,
): { ok: true; url: URL } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (clientId.length > MAX_CLIENT_ID_CHARS) return fail('the client_id URL is too long');
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return fail('the client_id is not a valid URL');
  }
  if (url.protocol !== 'https:') return fail('a client_id URL must use https');
  if (url.username !== '' || url.password !== '') {
    return fail('a client_id URL must not contain user info');
  }
  if (clientId.includes('#')) return fail('a client_id URL must not contain a fragment');
  const rawPath = clientId.slice(`https://${url.host}`.length).split('?')[0] ?? '';
  if (rawPath.split('/').some((s) => /^(\.|%2e){1,2}$/i.test(s))) {
    return fail('a client_id URL must not contain . or .. path segments');
  }
  if (url.pathname === '/' || url.pathname === '') {
    return fail('a client_id URL must have a path (the document, not the site root)');
  }
  if (url.href !== clientId) {
    return fail(`the client_id URL is not in canonical form (expected ${url.href})`);
  }
  return { ok: true, url };
}

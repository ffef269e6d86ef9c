/** Hosts that are loopback interfaces (RFC 8252 section 7.3; `localhost`, section 8.3, tolerated). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Whether a client may register `uri` (RFC 7591 section 2, OAuth 2.1 section 2.3.1): an absolute
 * https URI, or http on a loopback interface (RFC 8252 section 7.3); never a fragment (RFC 6749
 * section 3.1.2) nor user info.
 */
export function isRegistrableRedirectUri(uri: string): boolean {
  const url = parse(uri);
  if (!url) return false;
  if (url.hash !== '' || uri.includes('#')) return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || isLoopbackHttp(url);
}

/**
 * Exact matching (OAuth 2.1 section 4.1.1, RFC 9700 section 4.1.3): `presented` must equal one
 * registered URI character for character, except that for a loopback http URI any port is allowed
 * (RFC 8252 section 7.3: the port is picked at run time).
 */
export function redirectUriMatches(registered: readonly string[], presented: string): boolean {
  if (registered.includes(presented)) return true;
  const p = parse(presented);
  if (!p || !isLoopbackHttp(p) || presented.includes('#')) return false;
  return registered.some((r) => {
    const u = parse(r);
    if (!u || !isLoopbackHttp(u)) return false;
    // Compare the text with the port removed, so nothing but the port may differ.
    return withoutPort(r, u) === withoutPort(presented, p);
  });
}

function withoutPort(text: string, url: URL): string {
  const authority = `${url.protocol}//${url.host}`;
  if (!text.startsWith(authority)) return `\0${text}`;
  return `${url.protocol}//${url.hostname}${text.slice(authority.length)}`;
}

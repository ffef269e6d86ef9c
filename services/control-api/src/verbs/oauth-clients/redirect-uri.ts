/** Loopback hosts (RFC 8252 section 7.3; `localhost` tolerated as the auth service does, 8.3). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * A private-use URI scheme (RFC 8252 section 7.1): reverse domain name notation, so it holds a
 * period (`com.example.app`). This also keeps out `javascript:`, `data:`, `file:` and the like.
 */
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

/**
 * Why `uri` cannot be a registered redirect URI, or undefined when it can (OAuth 2.1 section
 * 2.3.1, RFC 8252 sections 7.1 and 7.3, RFC 6749 section 3.1.2): an absolute https URI; or http on
 * a loopback interface (any port is matched at authorization time); or a private-use scheme in
 * reverse domain name notation. Never a fragment, never user info.
 */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'not an absolute URI';
  }
  if (uri.includes('#')) return 'must not contain a fragment';
  if (url.username !== '' || url.password !== '') return 'must not contain user information';
  if (url.protocol === 'https:') return url.hostname ? undefined : 'https URI without a host';
  if (url.protocol === 'http:') {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? undefined
      : 'http is allowed only on loopback (127.0.0.1, [::1], localhost): use https';
  }
  return PRIVATE_USE_SCHEME.test(url.protocol)
    ? undefined
    : 'scheme must be https, loopback http, or a private-use scheme like com.example.app';
}

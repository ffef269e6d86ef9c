/**
 * The `aud` of org-member session tokens (`portico-session+jwt`): the control API's base URL,
 * `<publicOrigin>/api/v1` (RFC 7519 section 4.1.3). The auth service signs with it and the control
 * API verifies against it, so both compute it here. Trailing slashes of `publicOrigin` are
 * ignored: `https://portico.example/` and `https://portico.example` give the same audience.
 */
export function controlApiAudience(publicOrigin: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/api/v1`;
}

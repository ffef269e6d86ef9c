import { createHash, createHmac } from 'node:crypto';
import type { ServerRecord } from '@portico/store';
import type { Deps } from '../context.js';
import type { CimdResolver } from './cimd/resolver.js';

/** What the OAuth routes depend on: the verbs' deps plus the issuer, flow key and CIMD resolver. */
export interface OAuthDeps extends Deps {
  /** `iss` of tokens and of the RFC 8414 metadata, e.g. `https://portico.example`. */
  issuer: string;
  /** HMAC key of the authorize page's flow state, derived from the code key. */
  flowKey: Buffer;
  /** Client ID Metadata Documents, fetched SSRF-safely and cached (see resolveClient). */
  cimd: CimdResolver;
}

/** Access token lifetime, seconds: at most 15 minutes, so a leaked token is short-lived. */
export const ACCESS_TOKEN_SECONDS = 600;
/** Refresh token lifetime, seconds; each rotation starts a new one. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;
/** A refresh family's absolute lifetime, seconds: after it, the user signs in again. */
export const REFRESH_FAMILY_MAX_SECONDS = 90 * 24 * 60 * 60;
/** Authorization code lifetime, seconds (RFC 6749 section 4.1.2: short, 10 min at most). */
export const AUTH_CODE_SECONDS = 60;
/** How long one authorize-page flow may take, seconds (as long as an email code lives). */
export const FLOW_SECONDS = 600;
/**
 * Scopes of an MCP server's access token, as the gateway enforces them: `tools:read` for
 * tools/list, `tools:call` for tools/call. Both are granted when none is asked for.
 */
export const SCOPES_SUPPORTED = ['tools:read', 'tools:call'] as const;
export const DEFAULT_SCOPE = 'tools:read tools:call';

/** Derives the flow-state HMAC key from the code key (a separate key per purpose). */
export function deriveFlowKey(codeKey: Buffer): Buffer {
  return createHmac('sha256', codeKey).update('portico/oauth-flow-state/v1').digest();
}

/** SHA-256 hex of an opaque secret (authorization codes): the only form stored. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The endpoints of the authorization server under the public origin. */
export function endpoints(origin: string) {
  return {
    authorization: `${origin}/auth/authorize`,
    token: `${origin}/auth/token`,
    registration: `${origin}/auth/register`,
    revocation: `${origin}/auth/revoke`,
    jwks: `${origin}/auth/jwks`,
  };
}

/** A server's canonical MCP URL, the RFC 8707 resource and the access tokens' `aud`. */
export function resourceUrl(origin: string, slug: string): string {
  return `${origin}/s/${slug}/mcp`;
}

/**
 * The server whose canonical URL is exactly `resource` (RFC 8707 section 2: an absolute URI
 * without fragment), or undefined.
 */
export async function serverForResource(
  deps: OAuthDeps,
  resource: string,
): Promise<ServerRecord | undefined> {
  const prefix = `${deps.publicOrigin}/s/`;
  if (!resource.startsWith(prefix) || !resource.endsWith('/mcp')) return undefined;
  const slug = resource.slice(prefix.length, -'/mcp'.length);
  if (slug.length === 0 || slug.includes('/')) return undefined;
  const server = await deps.store.servers.getBySlug(slug);
  return server && resourceUrl(deps.publicOrigin, server.slug) === resource ? server : undefined;
}

/** Scopes asked for, normalized; undefined when one is not supported (invalid_scope). */
export function grantableScope(requested: string | undefined): string | undefined {
  if (requested === undefined || requested.trim() === '') return DEFAULT_SCOPE;
  const asked = [...new Set(requested.trim().split(/ +/))];
  const supported: readonly string[] = SCOPES_SUPPORTED;
  return asked.every((s) => supported.includes(s)) ? asked.join(' ') : undefined;
}

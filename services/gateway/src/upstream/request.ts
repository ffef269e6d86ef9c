import { GATEWAY_OWNED_HEADERS } from '@portico/contracts';
import type { UpstreamCredential } from '@portico/store';
import type { UpstreamRequest } from './call.js';

/**
 * Resolves the base URL of a tool's upstream: the org's configured `baseUrl`, else the operation's
 * own `servers`, else the document's first server. Returns an error message when none is an
 * absolute http(s) URL (a relative document server such as `/v1` cannot be called).
 */
export function resolveBaseUrl(
  configured: string | undefined,
  operationServers: readonly string[] | undefined,
  documentServers: readonly string[],
): { ok: true; baseUrl: string } | { ok: false; message: string } {
  const candidate = configured ?? operationServers?.[0] ?? documentServers[0];
  if (!candidate) {
    return { ok: false, message: 'No upstream base URL is configured for this server.' };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return {
      ok: false,
      message: `The upstream base URL "${candidate}" is not an absolute URL; configure the server's base URL.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      message: `The upstream base URL must use http or https, not ${url.protocol}`,
    };
  }
  return { ok: true, baseUrl: candidate };
}

/**
 * The request actually sent upstream, assembled from scratch: the generator's method, URL, headers
 * and body (all derived from tool arguments only), minus hop-by-hop headers, plus the configured
 * credential. Nothing from the inbound MCP request (Authorization, cookies, x-api-key) can reach
 * this function: it never sees them.
 */
export function assembleUpstreamRequest(
  built: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
  },
  credential: UpstreamCredential | undefined,
): UpstreamRequest {
  const url = new URL(built.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(built.headers)) {
    const lower = name.toLowerCase();
    if (!GATEWAY_OWNED_HEADERS.has(lower)) headers[lower] = value;
  }
  headers['user-agent'] ??= 'portico-gateway';
  if (credential?.type === 'header') headers[credential.name.toLowerCase()] = credential.value;
  else if (credential?.type === 'bearer') headers.authorization = `Bearer ${credential.value}`;
  else if (credential?.type === 'query') url.searchParams.set(credential.name, credential.value);
  const request: UpstreamRequest = { method: built.method, url, headers };
  if (built.body !== undefined) request.body = built.body;
  return request;
}

import { GATEWAY_OWNED_HEADERS } from '@portico/contracts';
import type { HttpRequest } from '@portico/openapi-to-mcp';
import type { UpstreamConfig } from '@portico/store';

/**
 * The request actually sent upstream, assembled from scratch: the generator's method, URL, headers
 * and body (all derived from tool arguments only), minus hop-by-hop headers, plus the configured
 * credential. Nothing from the inbound MCP request (Authorization, cookies, x-api-key) can reach
 * this function: it never sees them.
 *
 * The credential goes to the origin it was pinned to (`config.credentialOrigin`, see
 * UpstreamStore) and nowhere else: when the request's origin differs (a new spec version's
 * `servers` point elsewhere, an operation-level server, a credential stored before pinning with
 * no base URL), nothing is sent and `{ ok: false }` says why, for the caller to see.
 */
export function assembleUpstreamRequest(
  built: HttpRequest,
  config: Pick<UpstreamConfig, 'credential' | 'credentialOrigin'> | undefined,
): { ok: true; request: HttpRequest } | { ok: false; message: string; pinnedTo?: string } {
  const url = new URL(built.url);
  const credential = config?.credential;
  if (credential !== undefined && config?.credentialOrigin !== url.origin) {
    return {
      ok: false,
      message: `This tool's upstream (${url.host}) is not the origin the server's upstream credential was configured for, so the credential was not sent and the call was refused. The organization must configure the credential for this upstream.`,
      ...(config?.credentialOrigin !== undefined ? { pinnedTo: config.credentialOrigin } : {}),
    };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(built.headers)) {
    const lower = name.toLowerCase();
    if (!GATEWAY_OWNED_HEADERS.has(lower)) headers[lower] = value;
  }
  headers['user-agent'] ??= 'portico-gateway';
  if (credential?.type === 'header') headers[credential.name.toLowerCase()] = credential.value;
  else if (credential?.type === 'bearer') headers.authorization = `Bearer ${credential.value}`;
  else if (credential?.type === 'query') url.searchParams.set(credential.name, credential.value);
  const request: HttpRequest = {
    method: built.method,
    url: credential?.type === 'query' ? url.href : built.url,
    headers,
  };
  if (built.body !== undefined) request.body = built.body;
  return { ok: true, request };
}

import { PorticoError } from '@portico/contracts';
import type { ServerRecord } from '@portico/store';
import type { Denial } from './access.js';
import { ALL_SCOPES, bearerChallenge, resourceMetadataUrl } from './bearer.js';

/**
 * The 401/403 refusal of a caller, as a PorticoError carrying its `WWW-Authenticate` challenge.
 * `api_key` servers: `Bearer` (RFC 6750 section 3). `end_user` servers: the RFC 9728 section 5.1
 * challenge with `resource_metadata` (at `origin`, the canonical one or the request's own) and
 * `scope` (MCP authorization spec), `error="invalid_token"` when credentials were presented and
 * refused, `error="insufficient_scope"` with the scopes to ask for on a 403 (RFC 6750 section 3.1).
 */
export function refusal(
  server: ServerRecord,
  denial: Denial,
  origin: string,
  presented = false,
): PorticoError {
  let challenge = 'Bearer';
  if (server.access === 'end_user') {
    const metadata = resourceMetadataUrl(origin, server.slug);
    challenge =
      denial.status === 403
        ? bearerChallenge(metadata, denial.scopes, 'insufficient_scope')
        : bearerChallenge(metadata, ALL_SCOPES, presented ? 'invalid_token' : undefined);
  }
  const headers = { 'www-authenticate': challenge };
  if (denial.status === 403) {
    const message = `Insufficient scope: this request needs ${denial.scopes.join(' ')}`;
    return new PorticoError('FORBIDDEN', message, undefined, { headers });
  }
  const message =
    server.access === 'end_user'
      ? 'Sign-in required: a valid access token or API key for this server is needed'
      : 'A valid API key for this server is required';
  return new PorticoError('UNAUTHENTICATED', message, undefined, { headers });
}

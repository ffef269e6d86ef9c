import { installErrorHandling, PorticoError } from '@portico/contracts';
import type { Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { FastifyInstance } from 'fastify';
import { endpoints, resourceUrl, SCOPES_SUPPORTED } from '../oauth/context.js';
import type { App } from './app-type.js';

/** Discovery documents may be cached briefly and read cross-origin. */
const PUBLIC_HEADERS = {
  'access-control-allow-origin': '*',
  'cache-control': 'public, max-age=300',
} as const;

export interface DiscoveryOptions {
  store: Store;
  issuer: string;
  publicOrigin: string;
}

/** The RFC 8414 section 2 authorization server metadata. */
export function authorizationServerMetadata(
  issuer: string,
  origin: string,
): Record<string, unknown> {
  const e = endpoints(origin);
  return {
    issuer,
    authorization_endpoint: e.authorization,
    token_endpoint: e.token,
    registration_endpoint: e.registration,
    revocation_endpoint: e.revocation,
    jwks_uri: e.jwks,
    scopes_supported: [...SCOPES_SUPPORTED],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    // MCP authorization 2025-11-25: https client_ids name a metadata document (resolveClient).
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}

/**
 * The `/.well-known` documents at the origin's root: RFC 8414 authorization server metadata
 * (at the path the issuer implies, section 3.1) and RFC 9728 protected resource metadata per
 * server at `/.well-known/oauth-protected-resource/s/{slug}/mcp` (section 3.1); 404 for unknown
 * slugs.
 */
export async function oauthDiscovery(app: FastifyInstance, opts: DiscoveryOptions): Promise<void> {
  installErrorHandling(app, { wire: 'http', notFound: true });
  const issuerPath = new URL(opts.issuer).pathname.replace(/\/$/, '');
  const metadata = authorizationServerMetadata(opts.issuer, opts.publicOrigin);
  app.get(`/.well-known/oauth-authorization-server${issuerPath}`, async (_req, reply) =>
    reply.headers(PUBLIC_HEADERS).send(metadata),
  );
  app.get<{ Params: { slug: string } }>(
    '/.well-known/oauth-protected-resource/s/:slug/mcp',
    async (req, reply) => {
      const server = await opts.store.servers.getBySlug(req.params.slug);
      if (!server) throw new PorticoError('NOT_FOUND', 'no such server');
      return reply.headers(PUBLIC_HEADERS).send({
        resource: resourceUrl(opts.publicOrigin, server.slug),
        authorization_servers: [opts.issuer],
        scopes_supported: [...SCOPES_SUPPORTED],
        bearer_methods_supported: ['header'],
        resource_name: server.name,
      });
    },
  );
}

/** GET /auth/jwks: the signing keys (RFC 7517 section 5), cacheable for 5 minutes. */
export function registerJwks(app: App, tokens: TokenService): void {
  app.get('/jwks', async (_req, reply) => reply.headers(PUBLIC_HEADERS).send(await tokens.jwks()));
}

import { z } from 'zod';
import type { OAuthDeps } from '../oauth/context.js';
import { grantableScope } from '../oauth/context.js';
import { OAuthError } from '../oauth/errors.js';
import { isRegistrableRedirectUri } from '../oauth/redirect.js';
import { familyLimit } from '../rate-limit.js';
import type { App } from './app-type.js';
import { CORS_HEADERS } from './oauth_token.js';

const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/** Client metadata we accept (RFC 7591 section 2); unknown fields are ignored (section 3.1). */
const ClientMetadata = z.object({
  redirect_uris: z.array(z.string().min(1).max(2000)).min(1).max(10),
  client_name: z.string().trim().min(1).max(120),
  token_endpoint_auth_method: z.literal('none').default('none'),
  grant_types: z.array(z.enum(GRANT_TYPES)).min(1).default(['authorization_code', 'refresh_token']),
  response_types: z.array(z.literal('code')).min(1).default(['code']),
  scope: z.string().max(200).optional(),
});

/**
 * POST /auth/register: dynamic client registration (RFC 7591 section 3.1) of public clients only.
 * 201 with the client information response (section 3.2.1); 400 `invalid_redirect_uri` or
 * `invalid_client_metadata` (section 3.2.2).
 */
export function registerOAuthRegister(app: App, deps: OAuthDeps): void {
  app.post(
    '/register',
    { config: { rateLimit: familyLimit('registration', deps.rateLimits) } },
    async (req, reply) => {
      reply.headers(CORS_HEADERS);
      const raw = (req.body ?? {}) as Record<string, unknown>;
      if (Array.isArray(raw.redirect_uris)) {
        const bad = raw.redirect_uris.find(
          (u) => typeof u !== 'string' || !isRegistrableRedirectUri(u),
        );
        if (bad !== undefined) {
          throw new OAuthError(
            'invalid_redirect_uri',
            'redirect_uris must be https or http loopback URIs without fragment',
          );
        }
      }
      const parsed = ClientMetadata.safeParse(raw);
      if (!parsed.success) {
        const path = parsed.error.issues[0]?.path.join('.') ?? '';
        throw new OAuthError(
          'invalid_client_metadata',
          `invalid or unsupported client metadata: ${path}`,
        );
      }
      const m = parsed.data;
      const scope = m.scope === undefined ? undefined : grantableScope(m.scope);
      if (scope === undefined && m.scope !== undefined) {
        throw new OAuthError('invalid_client_metadata', 'unsupported scope');
      }
      const client = await deps.store.oauthClients.create({
        clientName: m.client_name,
        redirectUris: m.redirect_uris,
        grantTypes: m.grant_types,
        responseTypes: m.response_types,
        ...(scope ? { scope } : {}),
        now: deps.now(),
      });
      return reply.code(201).send({
        client_id: client.clientId,
        client_id_issued_at: Math.floor(Date.parse(client.createdAt) / 1000),
        client_name: client.clientName,
        redirect_uris: client.redirectUris,
        grant_types: client.grantTypes,
        response_types: client.responseTypes,
        token_endpoint_auth_method: 'none',
        ...(client.scope ? { scope: client.scope } : {}),
      });
    },
  );
}

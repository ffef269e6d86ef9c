import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { OAuthClient, toOAuthClient, withErrors } from '../schemas.js';
import { createOAuthClient } from '../verbs/oauth-clients/create.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

export const V1OAuthClientsCreateBody = z
  .object({
    clientName: z.string().trim().min(1).max(200),
    redirectUris: z
      .array(z.string().max(2000))
      .min(1)
      .max(20)
      .describe(
        'https URIs, http on loopback (any port matches), or private-use schemes (com.example.app:/cb); no fragments',
      ),
  })
  .strict();
export const V1OAuthClientsCreateResponse = z.object({ oauthClient: OAuthClient });
export type V1OAuthClientsCreateBody = z.infer<typeof V1OAuthClientsCreateBody>;
export type V1OAuthClientsCreateResponse = z.infer<typeof V1OAuthClientsCreateResponse>;

/**
 * POST /api/v1/servers/:slug/oauth-clients: pre-register a public OAuth client for the server (a
 * bespoke app or a test harness); the server is its default resource. 201.
 */
export function registerV1OAuthClientsCreate(app: App, deps: Deps): void {
  app.post(
    '/servers/:slug/oauth-clients',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['oauth clients'],
        summary: 'Register an OAuth client for a server',
        security: SECURED,
        params: SlugParams,
        body: V1OAuthClientsCreateBody,
        response: withErrors({ 201: V1OAuthClientsCreateResponse }),
      },
    },
    async (req, reply) => {
      const client = await createOAuthClient(deps, {
        ctx: ctxOf(req),
        input: { slug: req.params.slug, ...req.body },
      });
      return reply.code(201).send({ oauthClient: toOAuthClient(client) });
    },
  );
}

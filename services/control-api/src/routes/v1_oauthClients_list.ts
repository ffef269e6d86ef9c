import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { OAuthClient, toOAuthClient, withErrors } from '../schemas.js';
import { listOAuthClients } from '../verbs/oauth-clients/list.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

export const V1OAuthClientsListResponse = z.object({ oauthClients: z.array(OAuthClient) });
export type V1OAuthClientsListResponse = z.infer<typeof V1OAuthClientsListResponse>;

/** GET /api/v1/servers/:slug/oauth-clients: the OAuth clients registered for the server. */
export function registerV1OAuthClientsList(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/oauth-clients',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['oauth clients'],
        summary: "List a server's OAuth clients",
        security: SECURED,
        params: SlugParams,
        response: withErrors({ 200: V1OAuthClientsListResponse }),
      },
    },
    async (req) => {
      const clients = await listOAuthClients(deps, { ctx: ctxOf(req), input: req.params });
      return { oauthClients: clients.map(toOAuthClient) };
    },
  );
}

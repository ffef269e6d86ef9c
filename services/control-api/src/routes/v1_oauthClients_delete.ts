import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Slug, withErrors } from '../schemas.js';
import { deleteOAuthClient } from '../verbs/oauth-clients/delete.js';
import { type App, SECURED } from './app-type.js';

export const OAuthClientParams = z.object({ slug: Slug, clientId: z.string().max(64) });

/** DELETE /api/v1/servers/:slug/oauth-clients/:clientId: delete a registered client. 204; 404. */
export function registerV1OAuthClientsDelete(app: App, deps: Deps): void {
  app.delete(
    '/servers/:slug/oauth-clients/:clientId',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['oauth clients'],
        summary: "Delete a server's OAuth client",
        security: SECURED,
        params: OAuthClientParams,
        response: withErrors({ 204: z.null().describe('Deleted') }),
      },
    },
    async (req, reply) => {
      await deleteOAuthClient(deps, { ctx: ctxOf(req), input: req.params });
      return reply.code(204).send(null);
    },
  );
}

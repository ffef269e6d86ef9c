import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Server, ServerAccess, toServer, withErrors } from '../schemas.js';
import { updateServer } from '../verbs/servers/update.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

export const V1ServersUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    access: ServerAccess.optional(),
  })
  .strict();
export const V1ServersUpdateResponse = z.object({ server: Server });
export type V1ServersUpdateBody = z.infer<typeof V1ServersUpdateBody>;

/** PATCH /api/v1/servers/:slug: rename or change access. The slug cannot change. */
export function registerV1ServersUpdate(app: App, deps: Deps): void {
  app.patch(
    '/servers/:slug',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['servers'],
        summary: 'Update a server',
        security: SECURED,
        params: SlugParams,
        body: V1ServersUpdateBody,
        response: withErrors({ 200: V1ServersUpdateResponse }),
      },
    },
    async (req) => {
      const server = await updateServer(deps, {
        ctx: ctxOf(req),
        input: { slug: req.params.slug, ...req.body },
      });
      return { server: toServer(server) };
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Server, Slug, toServer, withErrors } from '../schemas.js';
import { getServer } from '../verbs/servers/get.js';
import { type App, SECURED } from './app-type.js';

export const SlugParams = z.object({ slug: Slug });
export const V1ServersGetResponse = z.object({ server: Server });
export type V1ServersGetResponse = z.infer<typeof V1ServersGetResponse>;

/** GET /api/v1/servers/:slug: one server. */
export function registerV1ServersGet(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['servers'],
        summary: 'Get a server',
        security: SECURED,
        params: SlugParams,
        response: withErrors({ 200: V1ServersGetResponse }),
      },
    },
    async (req) => ({
      server: toServer(await getServer(deps, { ctx: ctxOf(req), input: req.params })),
    }),
  );
}

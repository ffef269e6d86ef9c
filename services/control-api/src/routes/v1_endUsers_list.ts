import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { EndUser, PageQuery, pageOf, toEndUser, withErrors } from '../schemas.js';
import { listEndUsers } from '../verbs/end-users/list.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

export const V1EndUsersListQuery = PageQuery.extend({
  email: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .describe('only addresses starting with this (case-insensitive)'),
});
export const V1EndUsersListResponse = pageOf(EndUser);
export type V1EndUsersListResponse = z.infer<typeof V1EndUsersListResponse>;

/** GET /api/v1/servers/:slug/end-users?email=<prefix>&limit&cursor: a server's end users. */
export function registerV1EndUsersList(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/end-users',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['end users'],
        summary: "List or search a server's end users",
        security: SECURED,
        params: SlugParams,
        querystring: V1EndUsersListQuery,
        response: withErrors({ 200: V1EndUsersListResponse }),
      },
    },
    async (req) => {
      const { email, limit, cursor } = req.query;
      const page = await listEndUsers(deps, {
        ctx: ctxOf(req),
        input: {
          slug: req.params.slug,
          ...(email ? { emailPrefix: email } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...(cursor ? { cursor } : {}),
        },
      });
      return { items: page.items.map(toEndUser), ...(page.cursor ? { cursor: page.cursor } : {}) };
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { EndUser, Slug, toEndUser, withErrors } from '../schemas.js';
import { findEndUser } from '../verbs/end-users/find.js';
import { type App, SECURED } from './app-type.js';

export const EndUserParams = z.object({ slug: Slug, endUserId: z.string().max(64) });
export const V1EndUsersGetResponse = z.object({ endUser: EndUser });
export type V1EndUsersGetResponse = z.infer<typeof V1EndUsersGetResponse>;

/** GET /api/v1/servers/:slug/end-users/:endUserId: one end user. 404 if unknown. */
export function registerV1EndUsersGet(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/end-users/:endUserId',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['end users'],
        summary: 'Get an end user',
        security: SECURED,
        params: EndUserParams,
        response: withErrors({ 200: V1EndUsersGetResponse }),
      },
    },
    async (req) => {
      const { endUser } = await findEndUser(deps, { ctx: ctxOf(req), input: req.params });
      return { endUser: toEndUser(endUser) };
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { AuthEvent, PageQuery, pageOf, toAuthEvent, withErrors } from '../schemas.js';
import { listAuthEvents } from '../verbs/auth-events/list.js';
import { type App, SECURED } from './app-type.js';

export const V1AuthEventsListQuery = PageQuery.extend({
  serverId: z.string().max(64).optional().describe("only this server's events (`srv_...`)"),
});
export const V1AuthEventsListResponse = pageOf(AuthEvent);
export type V1AuthEventsListResponse = z.infer<typeof V1AuthEventsListResponse>;

/**
 * GET /api/v1/auth-events?serverId=&limit=&cursor=: the org's auth events, newest first, with
 * masked addresses and their hashes (never the address). 404 for another org's server.
 */
export function registerV1AuthEventsList(app: App, deps: Deps): void {
  app.get(
    '/auth-events',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['end users'],
        summary: 'List auth events',
        security: SECURED,
        querystring: V1AuthEventsListQuery,
        response: withErrors({ 200: V1AuthEventsListResponse }),
      },
    },
    async (req) => {
      const { serverId, limit, cursor } = req.query;
      const page = await listAuthEvents(deps, {
        ctx: ctxOf(req),
        input: {
          ...(serverId ? { serverId } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...(cursor ? { cursor } : {}),
        },
      });
      return {
        items: page.items.map(toAuthEvent),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      };
    },
  );
}

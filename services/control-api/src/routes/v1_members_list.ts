import type { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Member, PageQuery, pageOf, toMember, withErrors } from '../schemas.js';
import { listMembers } from '../verbs/members/list.js';
import { type App, SECURED } from './app-type.js';

export const V1MembersListResponse = pageOf(Member);
export type V1MembersListResponse = z.infer<typeof V1MembersListResponse>;

/** GET /api/v1/members?limit&cursor: the org's members, a page at a time. Admins only. */
export function registerV1MembersList(app: App, deps: Deps): void {
  app.get(
    '/members',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['members'],
        summary: 'List members',
        security: SECURED,
        querystring: PageQuery,
        response: withErrors({ 200: V1MembersListResponse }),
      },
    },
    async (req) => {
      const page = await listMembers(deps, { ctx: ctxOf(req), input: req.query });
      return { items: page.items.map(toMember), ...(page.cursor ? { cursor: page.cursor } : {}) };
    },
  );
}

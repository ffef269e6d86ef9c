import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Member, MemberRole, toMember, withErrors } from '../schemas.js';
import { setMemberRole } from '../verbs/members/set-role.js';
import { type App, SECURED } from './app-type.js';

export const MemberParams = z.object({ memberId: z.string().max(64) });
export const V1MembersUpdateBody = z.object({ role: MemberRole }).strict();
export const V1MembersUpdateResponse = z.object({ member: Member });
export type V1MembersUpdateBody = z.infer<typeof V1MembersUpdateBody>;

/**
 * PATCH /api/v1/members/:memberId: change a member's role (applies to their next request).
 * 409 CONFLICT when it would demote the last admin. Admins only.
 */
export function registerV1MembersUpdate(app: App, deps: Deps): void {
  app.patch(
    '/members/:memberId',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['members'],
        summary: "Change a member's role",
        security: SECURED,
        params: MemberParams,
        body: V1MembersUpdateBody,
        response: withErrors({ 200: V1MembersUpdateResponse }),
      },
    },
    async (req) => {
      const member = await setMemberRole(deps, {
        ctx: ctxOf(req),
        input: { memberId: req.params.memberId, role: req.body.role },
      });
      return { member: toMember(member) };
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Member, MemberRole, toMember, withErrors } from '../schemas.js';
import { addMember } from '../verbs/members/add.js';
import { type App, SECURED } from './app-type.js';

export const V1MembersCreateBody = z.object({ email: z.email().max(320), role: MemberRole });
export const V1MembersCreateResponse = z.object({ member: Member });
export type V1MembersCreateBody = z.infer<typeof V1MembersCreateBody>;
export type V1MembersCreateResponse = z.infer<typeof V1MembersCreateResponse>;

/** POST /api/v1/members: add a member (they sign in with an email code). 409 if present. Admins only. */
export function registerV1MembersCreate(app: App, deps: Deps): void {
  app.post(
    '/members',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['members'],
        summary: 'Add a member',
        security: SECURED,
        body: V1MembersCreateBody,
        response: withErrors({ 201: V1MembersCreateResponse }),
      },
    },
    async (req, reply) => {
      const member = await addMember(deps, { ctx: ctxOf(req), input: req.body });
      return reply.code(201).send({ member: toMember(member) });
    },
  );
}

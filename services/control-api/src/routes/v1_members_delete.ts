import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { removeMember } from '../verbs/members/remove.js';
import { type App, SECURED } from './app-type.js';
import { MemberParams } from './v1_members_update.js';

/**
 * DELETE /api/v1/members/:memberId: remove a member and revoke their sessions. 204; 404 if
 * unknown; 409 CONFLICT for the last admin. Admins only.
 */
export function registerV1MembersDelete(app: App, deps: Deps): void {
  app.delete(
    '/members/:memberId',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['members'],
        summary: 'Remove a member (and revoke their sessions)',
        security: SECURED,
        params: MemberParams,
        response: withErrors({ 204: z.null().describe('Removed') }),
      },
    },
    async (req, reply) => {
      await removeMember(deps, { ctx: ctxOf(req), input: req.params });
      return reply.code(204).send(null);
    },
  );
}

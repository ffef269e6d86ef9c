import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { deleteEndUser } from '../verbs/end-users/delete.js';
import { type App, SECURED } from './app-type.js';
import { EndUserParams } from './v1_endUsers_get.js';

/**
 * DELETE /api/v1/servers/:slug/end-users/:endUserId: delete an end user's record and revoke all
 * their refresh tokens at that server. 204; 404 if unknown.
 */
export function registerV1EndUsersDelete(app: App, deps: Deps): void {
  app.delete(
    '/servers/:slug/end-users/:endUserId',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['end users'],
        summary: 'Delete an end user (record and tokens)',
        security: SECURED,
        params: EndUserParams,
        response: withErrors({ 204: z.null().describe('Deleted') }),
      },
    },
    async (req, reply) => {
      await deleteEndUser(deps, { ctx: ctxOf(req), input: req.params });
      return reply.code(204).send(null);
    },
  );
}

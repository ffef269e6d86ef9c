import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { withErrors } from '../schemas.js';
import { revokeSession } from '../verbs/sessions/revoke.js';
import { type App, verbContext } from './app-type.js';

export const AuthSessionsRevokeBody = z.object({ refresh_token: z.string().min(1).max(512) });

/**
 * POST /auth/sessions/revoke: signs a member out. 204 whatever the token (RFC 7009 section 2.2:
 * unknown tokens are not an error); 429.
 */
export function registerAuthSessionsRevoke(app: App, deps: Deps): void {
  app.post(
    '/sessions/revoke',
    {
      config: { rateLimit: familyLimit('tokens', deps.rateLimits) },
      schema: { body: AuthSessionsRevokeBody, response: withErrors({ 204: z.null() }) },
    },
    async (req, reply) => {
      await revokeSession(deps, { ctx: verbContext(req), input: req.body });
      return reply.code(204).send(null);
    },
  );
}

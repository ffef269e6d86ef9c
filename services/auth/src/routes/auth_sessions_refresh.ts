import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { withErrors } from '../schemas.js';
import { refreshSession } from '../verbs/sessions/refresh.js';
import { type App, verbContext } from './app-type.js';
import { SessionResponse } from './auth_sessions_create.js';

export const AuthSessionsRefreshBody = z.object({ refresh_token: z.string().min(1).max(512) });

/**
 * POST /auth/sessions/refresh: rotates a member session. 200 new pair; 401 UNAUTHENTICATED
 * (unknown, expired, revoked or reused token: reuse revokes the whole session); 429.
 */
export function registerAuthSessionsRefresh(app: App, deps: Deps): void {
  app.post(
    '/sessions/refresh',
    {
      config: { rateLimit: familyLimit('tokens', deps.rateLimits) },
      schema: { body: AuthSessionsRefreshBody, response: withErrors({ 200: SessionResponse }) },
    },
    async (req) => refreshSession(deps, { ctx: verbContext(req), input: req.body }),
  );
}

import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { Code, Email, withErrors } from '../schemas.js';
import { createSession } from '../verbs/sessions/create.js';
import { type App, verbContext } from './app-type.js';

export const AuthSessionsCreateBody = z.object({
  orgId: z.string().min(1).max(64),
  email: Email,
  code: Code,
});

export const SessionResponse = z.object({
  access_token: z.string().describe('portico-session+jwt for the control API, 10 minutes.'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds.'),
  refresh_token: z.string().describe('Single use: each refresh answers a new one.'),
  member: z.object({
    memberId: z.string(),
    orgId: z.string(),
    email: z.string(),
    role: z.enum(['admin', 'developer', 'billing']),
  }),
});

/**
 * POST /auth/sessions: an org member signs in with the email code of `POST /auth/codes`
 * (`audience: { kind: 'member', orgId }`). 200 session; 400 OTP_INVALID / OTP_EXPIRED,
 * 403 TOO_MANY_ATTEMPTS, 429 RATE_LIMITED.
 */
export function registerAuthSessionsCreate(app: App, deps: Deps): void {
  app.post(
    '/sessions',
    {
      config: { rateLimit: familyLimit('codeVerification', deps.rateLimits) },
      schema: { body: AuthSessionsCreateBody, response: withErrors({ 200: SessionResponse }) },
    },
    async (req) => createSession(deps, { ctx: verbContext(req), input: req.body }),
  );
}

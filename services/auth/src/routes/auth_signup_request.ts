import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { Email, withErrors } from '../schemas.js';
import { SIGNUP_TOKEN_HEADER } from '../signup.js';
import { requestSignup } from '../verbs/signup/request.js';
import { type App, verbContext } from './app-type.js';

export const AuthSignupRequestBody = z.object({ email: Email });
export const AuthSignupRequestResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
});

/** The sign-up token header's value, when sent once. */
export function signupTokenOf(headers: Record<string, unknown>): { signupToken?: string } {
  const value = headers[SIGNUP_TOKEN_HEADER];
  return typeof value === 'string' ? { signupToken: value } : {};
}

/**
 * POST /auth/signup: step 1 of an organization's sign-up, mails a 10-minute code to `email`.
 * 202 `{ sent, expiresInSeconds }`; 401 UNAUTHENTICATED (mode `token`, no or wrong
 * `x-portico-signup-token`); 429 RATE_LIMITED with Retry-After (per client IP: the `signup`
 * family; per address: 3 sends per 10 minutes, shared with sign-in).
 */
export function registerAuthSignupRequest(app: App, deps: Deps): void {
  app.post(
    '/signup',
    {
      config: { rateLimit: familyLimit('signup', deps.rateLimits) },
      schema: {
        body: AuthSignupRequestBody,
        response: withErrors({ 202: AuthSignupRequestResponse }),
      },
    },
    async (req, reply) => {
      const result = await requestSignup(deps, {
        ctx: verbContext(req),
        input: { email: req.body.email, ...signupTokenOf(req.headers) },
      });
      return reply.code(202).send(result);
    },
  );
}

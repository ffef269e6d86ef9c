import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { Code, Email, withErrors } from '../schemas.js';
import { verifySignup } from '../verbs/signup/verify.js';
import { type App, verbContext } from './app-type.js';
import { SessionResponse } from './auth_sessions_create.js';
import { signupTokenOf } from './auth_signup_request.js';

export const AuthSignupVerifyBody = z.object({
  email: Email,
  code: Code,
  name: z.string().trim().min(1).max(200).describe('The new organization’s name.'),
  apiKey: z.boolean().default(false).describe('Also create a first org-wide API key.'),
});

export const AuthSignupVerifyResponse = z.object({
  org: z.object({ orgId: z.string(), name: z.string(), createdAt: z.string() }),
  session: SessionResponse,
  apiKey: z
    .object({
      key: z.string().describe('The API key. Shown once: store it now.'),
      keyId: z.string(),
      hint: z.string(),
    })
    .optional(),
});

/**
 * POST /auth/signup/verify: step 2 of an organization's sign-up. The code of `POST /auth/signup`
 * creates the org with `email` as its first admin. 201 `{ org, session, apiKey? }`; 400
 * OTP_INVALID / OTP_EXPIRED, 403 TOO_MANY_ATTEMPTS, 401 UNAUTHENTICATED (mode `token`), 429.
 */
export function registerAuthSignupVerify(app: App, deps: Deps): void {
  app.post(
    '/signup/verify',
    {
      config: { rateLimit: familyLimit('codeVerification', deps.rateLimits) },
      schema: {
        body: AuthSignupVerifyBody,
        response: withErrors({ 201: AuthSignupVerifyResponse }),
      },
    },
    async (req, reply) => {
      const { org, session, apiKey } = await verifySignup(deps, {
        ctx: verbContext(req),
        input: { ...req.body, ...signupTokenOf(req.headers) },
      });
      return reply.code(201).send({
        org: { orgId: org.orgId, name: org.name, createdAt: org.createdAt },
        session,
        ...(apiKey
          ? { apiKey: { key: apiKey.key, keyId: apiKey.record.keyId, hint: apiKey.record.hint } }
          : {}),
      });
    },
  );
}

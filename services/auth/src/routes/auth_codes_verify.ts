import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { Code, Email, WireAudience, withErrors } from '../schemas.js';
import { verifyCode } from '../verbs/codes/verify.js';
import { type App, verbContext } from './app-type.js';

export const AuthCodesVerifyBody = z.object({ email: Email, audience: WireAudience, code: Code });
export const AuthCodesVerifyResponse = z.object({
  verified: z.literal(true),
  email: z.string(),
  audience: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), orgId: z.string() }),
    z.object({
      kind: z.literal('enduser'),
      orgId: z.string(),
      serverId: z.string(),
      serverSlug: z.string(),
    }),
  ]),
});

/**
 * POST /auth/codes/verify: check a code. 200 on success; 400 OTP_INVALID / OTP_EXPIRED,
 * 403 TOO_MANY_ATTEMPTS. The OAuth layer calls the verb directly; this route may become internal.
 */
export function registerAuthCodesVerify(app: App, deps: Deps): void {
  app.post(
    '/codes/verify',
    {
      config: { rateLimit: familyLimit('codeVerification', deps.rateLimits) },
      schema: {
        body: AuthCodesVerifyBody,
        response: withErrors({ 200: AuthCodesVerifyResponse }),
      },
    },
    async (req) => verifyCode(deps, { ctx: verbContext(req), input: req.body }),
  );
}

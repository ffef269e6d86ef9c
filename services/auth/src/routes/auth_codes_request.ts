import { z } from 'zod';
import type { Deps } from '../context.js';
import { familyLimit } from '../rate-limit.js';
import { Email, WireAudience, withErrors } from '../schemas.js';
import { requestCode } from '../verbs/codes/request.js';
import { type App, verbContext } from './app-type.js';

export const AuthCodesRequestBody = z.object({ email: Email, audience: WireAudience });
export const AuthCodesRequestResponse = z.object({
  sent: z.literal(true).describe('Always true: the answer does not reveal whether mail was sent.'),
  expiresInSeconds: z.number().int(),
});

/** POST /auth/codes: email a sign-in code. 202 whoever the address is; 429 RATE_LIMITED. */
export function registerAuthCodesRequest(app: App, deps: Deps): void {
  app.post(
    '/codes',
    {
      config: { rateLimit: familyLimit('codeRequests', deps.rateLimits) },
      schema: {
        body: AuthCodesRequestBody,
        response: withErrors({ 202: AuthCodesRequestResponse }),
      },
    },
    async (req, reply) => {
      const result = await requestCode(deps, { ctx: verbContext(req), input: req.body });
      return reply.code(202).send(result);
    },
  );
}

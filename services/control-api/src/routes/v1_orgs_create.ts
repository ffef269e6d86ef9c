import { z } from 'zod';
import type { Deps } from '../context.js';
import { Org, toOrg, withErrors } from '../schemas.js';
import { signup } from '../verbs/orgs/signup.js';
import type { App } from './app-type.js';

export const V1OrgsCreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
});
export const V1OrgsCreateResponse = z.object({
  org: Org,
  apiKey: z.object({
    key: z.string().describe('The API key. Shown once: store it now.'),
    keyId: z.string(),
    hint: z.string(),
  }),
});
export type V1OrgsCreateBody = z.infer<typeof V1OrgsCreateBody>;
export type V1OrgsCreateResponse = z.infer<typeof V1OrgsCreateResponse>;

/**
 * POST /api/v1/orgs: sign up an organization without verifying anything; returns its first API
 * key once. No API key needed. Only in sign-up mode `open` (local stack, tests); otherwise 403
 * FORBIDDEN pointing to the auth service's email sign-up.
 */
export function registerV1OrgsCreate(app: App, deps: Deps): void {
  app.post(
    '/orgs',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Sign up an organization (sign-up mode open only)',
        description:
          'Unverified sign-up, served only when PORTICO_SIGNUP=open (local stack, tests). Otherwise 403 FORBIDDEN: sign up with POST /auth/signup and POST /auth/signup/verify (email code).',
        body: V1OrgsCreateBody,
        headers: z.looseObject({ 'x-portico-signup-token': z.string().optional() }),
        response: withErrors({ 201: V1OrgsCreateResponse }),
      },
    },
    async (req, reply) => {
      const token = req.headers['x-portico-signup-token'];
      const { org, apiKey } = await signup(deps, {
        ctx: { requestId: req.id },
        input: { ...req.body, ...(typeof token === 'string' ? { signupToken: token } : {}) },
      });
      return reply.code(201).send({
        org: toOrg(org),
        apiKey: { key: apiKey.key, keyId: apiKey.record.keyId, hint: apiKey.record.hint },
      });
    },
  );
}

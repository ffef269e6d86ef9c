import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { ApiKey, Slug, toApiKey, withErrors } from '../schemas.js';
import { createApiKey } from '../verbs/api-keys/create.js';
import { type App, SECURED } from './app-type.js';

export const V1ApiKeysCreateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  serverSlug: Slug.optional().describe('Scope the key to one server (for the gateway only).'),
});
export const V1ApiKeysCreateResponse = ApiKey.extend({
  key: z.string().describe('The API key. Shown once: store it now.'),
});
export type V1ApiKeysCreateBody = z.infer<typeof V1ApiKeysCreateBody>;
export type V1ApiKeysCreateResponse = z.infer<typeof V1ApiKeysCreateResponse>;

/** POST /api/v1/api-keys: mint an API key (org-wide, or scoped to a server); shown once. */
export function registerV1ApiKeysCreate(app: App, deps: Deps): void {
  app.post(
    '/api-keys',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key',
        security: SECURED,
        body: V1ApiKeysCreateBody,
        response: withErrors({ 201: V1ApiKeysCreateResponse }),
      },
    },
    async (req, reply) => {
      const { record, key } = await createApiKey(deps, { ctx: ctxOf(req), input: req.body });
      return reply.code(201).send({ ...toApiKey(record), key });
    },
  );
}

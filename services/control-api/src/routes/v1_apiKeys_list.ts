import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { ApiKey, toApiKey, withErrors } from '../schemas.js';
import { listApiKeys } from '../verbs/api-keys/list.js';
import { type App, SECURED } from './app-type.js';

export const V1ApiKeysListResponse = z.object({ apiKeys: z.array(ApiKey) });
export type V1ApiKeysListResponse = z.infer<typeof V1ApiKeysListResponse>;

/** GET /api/v1/api-keys: the org's keys, hints only. */
export function registerV1ApiKeysList(app: App, deps: Deps): void {
  app.get(
    '/api-keys',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['api keys'],
        summary: 'List API keys',
        security: SECURED,
        response: withErrors({ 200: V1ApiKeysListResponse }),
      },
    },
    async (req) => {
      const keys = await listApiKeys(deps, { ctx: ctxOf(req), input: {} });
      return { apiKeys: keys.map(toApiKey) };
    },
  );
}

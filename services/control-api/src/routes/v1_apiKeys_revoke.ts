import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { revokeApiKey } from '../verbs/api-keys/revoke.js';
import { type App, SECURED } from './app-type.js';

export const V1ApiKeysRevokeParams = z.object({ keyId: z.string().max(64) });
export type V1ApiKeysRevokeParams = z.infer<typeof V1ApiKeysRevokeParams>;

/** DELETE /api/v1/api-keys/:keyId: revoke a key (idempotent). 204. */
export function registerV1ApiKeysRevoke(app: App, deps: Deps): void {
  app.delete(
    '/api-keys/:keyId',
    {
      config: { permission: 'administer' },
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key',
        security: SECURED,
        params: V1ApiKeysRevokeParams,
        response: withErrors({ 204: z.null().describe('Revoked') }),
      },
    },
    async (req, reply) => {
      await revokeApiKey(deps, { ctx: ctxOf(req), input: req.params });
      return reply.code(204).send(null);
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Server, toServer, withErrors } from '../schemas.js';
import { activateVersion } from '../verbs/versions/activate.js';
import { type App, SECURED } from './app-type.js';
import { VersionParams } from './v1_versions_get.js';

export const V1VersionsActivateResponse = z.object({ server: Server });
export type V1VersionsActivateResponse = z.infer<typeof V1VersionsActivateResponse>;

/** POST /api/v1/servers/:slug/versions/:versionId/activate: serve this version (or roll back). */
export function registerV1VersionsActivate(app: App, deps: Deps): void {
  app.post(
    '/servers/:slug/versions/:versionId/activate',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['spec versions'],
        summary: 'Activate a spec version',
        security: SECURED,
        params: VersionParams,
        response: withErrors({ 200: V1VersionsActivateResponse }),
      },
    },
    async (req) => ({
      server: toServer(await activateVersion(deps, { ctx: ctxOf(req), input: req.params })),
    }),
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { toVersion, Version, withErrors } from '../schemas.js';
import { listVersions } from '../verbs/versions/list.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

export const V1VersionsListResponse = z.object({ versions: z.array(Version) });
export type V1VersionsListResponse = z.infer<typeof V1VersionsListResponse>;

/** GET /api/v1/servers/:slug/versions: spec versions, newest first. */
export function registerV1VersionsList(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/versions',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['spec versions'],
        summary: 'List spec versions',
        security: SECURED,
        params: SlugParams,
        response: withErrors({ 200: V1VersionsListResponse }),
      },
    },
    async (req) => {
      const { versions, activeVersionId } = await listVersions(deps, {
        ctx: ctxOf(req),
        input: req.params,
      });
      return { versions: versions.map((v) => toVersion(v, activeVersionId)) };
    },
  );
}

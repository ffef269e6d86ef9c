import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Report, Slug, toVersion, Version, withErrors } from '../schemas.js';
import { getVersion } from '../verbs/versions/get.js';
import { type App, SECURED } from './app-type.js';

export const VersionParams = z.object({ slug: Slug, versionId: z.string().max(64) });
export const V1VersionsGetResponse = z.object({ version: Version, report: Report });
export type V1VersionsGetResponse = z.infer<typeof V1VersionsGetResponse>;

/** GET /api/v1/servers/:slug/versions/:versionId: a version and its conversion report. */
export function registerV1VersionsGet(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/versions/:versionId',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['spec versions'],
        summary: 'Get a spec version and its conversion report',
        security: SECURED,
        params: VersionParams,
        response: withErrors({ 200: V1VersionsGetResponse }),
      },
    },
    async (req) => {
      const { version, report, active } = await getVersion(deps, {
        ctx: ctxOf(req),
        input: req.params,
      });
      return {
        version: toVersion(version, active ? version.versionId : undefined),
        report,
      };
    },
  );
}

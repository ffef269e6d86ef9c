import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { getUpstream } from '../verbs/upstream/get.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

/** The upstream configuration as shown: the credential's type, name and a hint, never its value. */
export const Upstream = z.object({
  baseUrl: z.string().nullable(),
  credential: z
    .object({
      type: z.enum(['header', 'query', 'bearer']),
      name: z.string().nullable(),
      hint: z.string().describe('"…" + the last 4 characters (values of 12+ characters only)'),
    })
    .nullable(),
  updatedAt: z.string().nullable(),
});
export type Upstream = z.infer<typeof Upstream>;

/** GET /api/v1/servers/:slug/upstream: the upstream configuration, credential redacted. */
export function registerV1UpstreamGet(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/upstream',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['upstream'],
        summary: "A server's upstream configuration (credential redacted)",
        security: SECURED,
        params: SlugParams,
        response: withErrors({ 200: z.object({ upstream: Upstream }) }),
      },
    },
    async (req) => ({ upstream: await getUpstream(deps, { ctx: ctxOf(req), input: req.params }) }),
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Org, toOrg, withErrors } from '../schemas.js';
import { getOrg } from '../verbs/orgs/get.js';
import { type App, SECURED } from './app-type.js';

export const V1OrgGetResponse = z.object({ org: Org });
export type V1OrgGetResponse = z.infer<typeof V1OrgGetResponse>;

/** GET /api/v1/org: the caller's organization. */
export function registerV1OrgGet(app: App, deps: Deps): void {
  app.get(
    '/org',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['organizations'],
        summary: "The caller's organization",
        security: SECURED,
        response: withErrors({ 200: V1OrgGetResponse }),
      },
    },
    async (req) => ({ org: toOrg(await getOrg(deps, { ctx: ctxOf(req), input: {} })) }),
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { putToolConfig } from '../verbs/tool-config/put.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';
import { ToolConfig, V1ToolConfigGetResponse } from './v1_toolConfig_get.js';

/** The whole configuration; absent fields take their defaults (PUT replaces, it does not merge). */
export const V1ToolConfigPutBody = z
  .object({
    mode: ToolConfig.shape.mode.default('all'),
    selection: ToolConfig.shape.selection.default({}),
    overrides: ToolConfig.shape.overrides.default({}),
  })
  .strict();
export type V1ToolConfigPutBody = z.infer<typeof V1ToolConfigPutBody>;

/**
 * PUT /api/v1/servers/:slug/tool-config: replace the tool configuration (mode, selection,
 * overrides). 400 VALIDATION_FAILED for a malformed body or an override that does not fit the
 * active version (`details.issues: [{tool, message}]`). The gateway serves it within its server
 * cache TTL (~2 s).
 */
export function registerV1ToolConfigPut(app: App, deps: Deps): void {
  app.put(
    '/servers/:slug/tool-config',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['tools'],
        summary: "Replace a server's tool configuration",
        security: SECURED,
        params: SlugParams,
        body: V1ToolConfigPutBody,
        response: withErrors({ 200: V1ToolConfigGetResponse }),
      },
    },
    async (req) => ({
      toolConfig: await putToolConfig(deps, {
        ctx: ctxOf(req),
        input: { slug: req.params.slug, config: req.body },
      }),
    }),
  );
}

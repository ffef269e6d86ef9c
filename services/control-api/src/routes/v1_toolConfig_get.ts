import { TOOL_NAME_PATTERN } from '@portico/openapi-to-mcp';
import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { getToolConfig } from '../verbs/tool-config/get.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A tool name as MCP and the generator allow it: `^[A-Za-z0-9_.-]{1,64}$`. */
export const ToolName = z.string().regex(TOOL_NAME_PATTERN, 'must match ^[A-Za-z0-9_.-]{1,64}$');

/** One selector: every field given must match; at least one field. */
export const ToolSelector = z
  .object({
    tag: z.string().min(1).max(200).optional(),
    operationId: z.string().min(1).max(200).optional(),
    method: z
      .string()
      .refine((m) => HTTP_METHODS.includes(m.toLowerCase()), 'an HTTP method')
      .optional(),
    path: z.string().min(1).max(1000).optional().describe('picomatch glob; braces are literal'),
    name: ToolName.optional().describe("the manifest's tool name (before renames)"),
  })
  .strict()
  .refine((s) => Object.keys(s).length > 0, 'a selector needs at least one field')
  .meta({ id: 'ToolSelector' });

export const ToolConfig = z
  .object({
    mode: z.enum(['all', 'dynamic']),
    selection: z
      .object({
        include: z.array(ToolSelector).max(200).optional(),
        exclude: z.array(ToolSelector).max(200).optional(),
      })
      .strict(),
    overrides: z.record(
      ToolName,
      z
        .object({
          name: ToolName.optional(),
          description: z.string().trim().min(1).max(2000).optional(),
          /** On an end_user server, callable (and listed) without sign-in. */
          public: z.boolean().optional(),
        })
        .strict(),
    ),
  })
  .meta({ id: 'ToolConfig' });

export const V1ToolConfigGetResponse = z.object({
  toolConfig: ToolConfig.extend({
    version: z.number().int().describe('0 until the configuration is first written'),
    updatedAt: z.string().nullable(),
  }),
});
export type V1ToolConfigGetResponse = z.infer<typeof V1ToolConfigGetResponse>;

/** GET /api/v1/servers/:slug/tool-config: the server's tool configuration (defaults if unset). */
export function registerV1ToolConfigGet(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/tool-config',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['tools'],
        summary: "Get a server's tool configuration",
        security: SECURED,
        params: SlugParams,
        response: withErrors({ 200: V1ToolConfigGetResponse }),
      },
    },
    async (req) => ({
      toolConfig: await getToolConfig(deps, { ctx: ctxOf(req), input: req.params }),
    }),
  );
}

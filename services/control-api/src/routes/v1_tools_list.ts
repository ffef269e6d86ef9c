import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { withErrors } from '../schemas.js';
import { listTools } from '../verbs/tools/list.js';
import { type App, SECURED } from './app-type.js';
import { SlugParams } from './v1_servers_get.js';

const JsonSchemaObject = z.record(z.string(), z.unknown());

export const Tool = z.object({
  name: z.string(),
  originalName: z.string().optional().describe("the manifest's name, when the tool was renamed"),
  title: z.string().optional(),
  description: z.string(),
  inputSchema: JsonSchemaObject,
  outputSchema: JsonSchemaObject.optional(),
  annotations: z.looseObject({}),
  tags: z.array(z.string()).optional(),
});
export const V1ToolsListQuery = z.object({
  version: z.string().max(64).optional().describe('A version id; default: the active version.'),
});
export const V1ToolsListResponse = z.object({
  versionId: z.string(),
  mode: z.enum(['all', 'dynamic']).describe('dynamic: MCP clients see search/describe/call'),
  toolConfigVersion: z.number().int(),
  tools: z.array(Tool).describe('the effective tools, after selection and overrides'),
  excluded: z.array(z.object({ name: z.string(), reason: z.string() })),
  issues: z
    .array(z.object({ tool: z.string(), message: z.string() }))
    .describe('overrides that do not fit this version; the gateway skips them'),
  toolCount: z.number().int(),
  toolListTokens: z.number().int().describe('estimated tokens of the effective tools/list'),
  recommendation: z.object({ dynamicMode: z.boolean(), reason: z.string() }),
});
export type V1ToolsListResponse = z.infer<typeof V1ToolsListResponse>;

/**
 * GET /api/v1/servers/:slug/tools: the effective MCP tools of the active (or a given) version:
 * the server's tool configuration applied as the gateway applies it, the tools it leaves out and
 * why, and the size estimate and dynamic-mode advice for the effective set.
 */
export function registerV1ToolsList(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/tools',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['tools'],
        summary: 'List the effective tools of a server',
        security: SECURED,
        params: SlugParams,
        querystring: V1ToolsListQuery,
        response: withErrors({ 200: V1ToolsListResponse }),
      },
    },
    async (req) => {
      const out = await listTools(deps, {
        ctx: ctxOf(req),
        input: {
          slug: req.params.slug,
          ...(req.query.version ? { version: req.query.version } : {}),
        },
      });
      return {
        versionId: out.versionId,
        mode: out.mode,
        toolConfigVersion: out.toolConfigVersion,
        tools: out.tools.map((t) => ({
          name: t.name,
          ...(t.originalName !== undefined ? { originalName: t.originalName } : {}),
          ...(t.title !== undefined ? { title: t.title } : {}),
          description: t.description,
          inputSchema: t.inputSchema,
          ...(t.outputSchema !== undefined ? { outputSchema: t.outputSchema } : {}),
          annotations: { ...t.annotations },
          ...(t.tags !== undefined ? { tags: t.tags } : {}),
        })),
        excluded: out.excluded,
        issues: out.issues,
        ...out.estimate,
      };
    },
  );
}

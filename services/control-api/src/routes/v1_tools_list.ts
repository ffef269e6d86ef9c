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
  title: z.string().optional(),
  description: z.string(),
  inputSchema: JsonSchemaObject,
  outputSchema: JsonSchemaObject.optional(),
  annotations: z.looseObject({}),
});
export const V1ToolsListQuery = z.object({
  version: z.string().max(64).optional().describe('A version id; default: the active version.'),
});
export const V1ToolsListResponse = z.object({ versionId: z.string(), tools: z.array(Tool) });
export type V1ToolsListResponse = z.infer<typeof V1ToolsListResponse>;

/** GET /api/v1/servers/:slug/tools: the MCP tools of the active (or a given) version. */
export function registerV1ToolsList(app: App, deps: Deps): void {
  app.get(
    '/servers/:slug/tools',
    {
      schema: {
        tags: ['tools'],
        summary: 'List the tools of a server',
        security: SECURED,
        params: SlugParams,
        querystring: V1ToolsListQuery,
        response: withErrors({ 200: V1ToolsListResponse }),
      },
    },
    async (req) => {
      const { versionId, tools } = await listTools(deps, {
        ctx: ctxOf(req),
        input: {
          slug: req.params.slug,
          ...(req.query.version ? { version: req.query.version } : {}),
        },
      });
      return {
        versionId,
        tools: tools.map((t) => ({
          name: t.name,
          ...(t.title !== undefined ? { title: t.title } : {}),
          description: t.description,
          inputSchema: t.inputSchema,
          ...(t.outputSchema !== undefined ? { outputSchema: t.outputSchema } : {}),
          annotations: { ...t.annotations },
        })),
      };
    },
  );
}

import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Server, ServerAccess, Slug, toServer, withErrors } from '../schemas.js';
import { createServer } from '../verbs/servers/create.js';
import { type App, SECURED } from './app-type.js';

export const V1ServersCreateBody = z.object({
  slug: Slug.describe('Globally unique; the MCP URL is /s/{slug}/mcp.'),
  name: z.string().trim().min(1).max(200),
  access: ServerAccess.default('api_key'),
});
export const V1ServersCreateResponse = z.object({ server: Server });
export type V1ServersCreateBody = z.infer<typeof V1ServersCreateBody>;
export type V1ServersCreateResponse = z.infer<typeof V1ServersCreateResponse>;

/** POST /api/v1/servers: create a server. 409 CONFLICT if the slug is taken. */
export function registerV1ServersCreate(app: App, deps: Deps): void {
  app.post(
    '/servers',
    {
      config: { permission: 'develop' },
      schema: {
        tags: ['servers'],
        summary: 'Create a server',
        security: SECURED,
        body: V1ServersCreateBody,
        response: withErrors({ 201: V1ServersCreateResponse }),
      },
    },
    async (req, reply) => {
      const server = await createServer(deps, { ctx: ctxOf(req), input: req.body });
      return reply.code(201).send({ server: toServer(server) });
    },
  );
}

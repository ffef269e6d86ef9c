import { z } from 'zod';
import { ctxOf } from '../auth.js';
import type { Deps } from '../context.js';
import { Server, toServer, withErrors } from '../schemas.js';
import { listServers } from '../verbs/servers/list.js';
import { type App, SECURED } from './app-type.js';

export const V1ServersListResponse = z.object({ servers: z.array(Server) });
export type V1ServersListResponse = z.infer<typeof V1ServersListResponse>;

/** GET /api/v1/servers: the org's servers. */
export function registerV1ServersList(app: App, deps: Deps): void {
  app.get(
    '/servers',
    {
      config: { permission: 'view' },
      schema: {
        tags: ['servers'],
        summary: 'List servers',
        security: SECURED,
        response: withErrors({ 200: V1ServersListResponse }),
      },
    },
    async (req) => {
      const servers = await listServers(deps, { ctx: ctxOf(req), input: {} });
      return { servers: servers.map(toServer) };
    },
  );
}

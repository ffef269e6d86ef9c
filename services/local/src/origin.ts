import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** One service mounted on the shared origin: requests whose path starts with a prefix go to it. */
export interface Mount {
  prefixes: string[];
  app: FastifyInstance;
}

/**
 * Serves several fastify instances behind one origin, the way the ALB routes paths in AWS
 * (docs/architecture.md section 1, `services/local`). Each instance keeps its own plugins, hooks
 * and error handling; this only picks the instance by path prefix and hands it the raw request
 * (`fastify.routing`), so there is no proxy hop. Unmatched paths get a 404 JSON error body.
 */
export function createOrigin(mounts: Mount[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const mount = mounts.find((m) => m.prefixes.some((p) => url === p || url.startsWith(p)));
    if (mount) {
      mount.app.routing(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 'NOT_FOUND', message: `no route for ${url}`, requestId: '' },
      }),
    );
  });
}

import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The origin's root until the dashboard exists: `/` says what is served where, `/healthz` answers
 * `{ "status": "ok" }` for load balancers and scripts.
 */
export async function buildHome(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/', async (_req, reply) => {
    reply.type('text/plain; charset=utf-8');
    return [
      'Portico local platform',
      '',
      '  MCP servers      /s/{slug}/mcp   (Streamable HTTP)',
      '  Control API      /api/v1/...',
      '  Health           /healthz',
      '',
    ].join('\n');
  });
  return app;
}

import { installErrorHandling, PorticoError } from '@portico/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ToolCallContext } from '../call/context.js';
import type { Gateway } from '../wiring.js';
import { hotMessage } from './hot-message.js';
import { serveHot } from './hot-path.js';

/** Upper bound of a POSTed MCP message, bytes (the SDK's own default). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The gateway's one route, `/s/:slug/mcp`, as an encapsulated fastify plugin (its content parsing
 * and error answers touch nothing else when mounted next to other services), serving a wired
 * {@link Gateway}. It only handles requests:
 * - GET and DELETE are answered 405 (`Allow: POST`) in onRequest, before any body is read: a
 *   stateless server offers no SSE stream (GET) and no session to end (DELETE), MCP
 *   basic/transports "Listening for Messages from the Server" and "Session Management";
 * - a POST passes admission once (origin, batch, slug, caller, tool set, message rights), then the
 *   hot path answers tools/call, tools/list, ping and notifications, the SDK the rest.
 * Refusals are PorticoErrors answered as JSON-RPC bodies with the code's HTTP status by contracts'
 * error handling (MCP clients parse those): 415, 413, a body that is not JSON (PARSE_ERROR), 405, 403,
 * 401 with its challenge, 404.
 */
export async function mcpRoutes(app: FastifyInstance, gateway: Gateway): Promise<void> {
  installErrorHandling(app, {
    wire: 'jsonrpc',
    messages: {
      UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type: Content-Type must be application/json',
      PAYLOAD_TOO_LARGE: `Payload Too Large: the request body must not exceed ${MAX_BODY_BYTES} bytes`,
      PARSE_ERROR: 'Parse error: the request body is not valid JSON',
    },
  });

  const refuseNonPost = async (req: FastifyRequest): Promise<void> => {
    if (req.method === 'POST') return;
    gateway.admission.checkOrigin(req);
    throw new PorticoError('METHOD_NOT_ALLOWED', 'Method not allowed.', undefined, {
      headers: { allow: 'POST' },
    });
  };

  const handler = async (
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    const body = req.body;
    const admitted = await gateway.admission.admit(req, req.params.slug, body);
    const ctx: ToolCallContext = {
      ...admitted,
      upstream: gateway.upstream,
      log: req.log,
      requestId: req.id,
    };
    // tools/call, tools/list, ping and notifications: our own code, no SDK objects per request.
    const hot = hotMessage(req.headers, body);
    if (hot) return serveHot(reply, hot, ctx);
    // initialize, server/discover and everything unusual: the SDK (see endpoint.ts).
    await gateway.endpoint.handle(req, reply, body, ctx);
    return reply;
  };

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: '/s/:slug/mcp',
    bodyLimit: MAX_BODY_BYTES,
    onRequest: refuseNonPost,
    handler,
  });
}

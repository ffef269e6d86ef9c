import { createServerScopedAgent } from '@portico/net';
import type { ServerRecord } from '@portico/store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessControl, type Admission, authorizeMessages, type Denial } from '../access.js';
import { ApiKeyAuthenticator } from '../auth.js';
import { ALL_SCOPES, BearerVerifier, bearerChallenge, resourceMetadataUrl } from '../bearer.js';
import { type GatewayDeps, resolveSettings } from '../deps.js';
import { EndUserActivity } from '../end-user-activity.js';
import { sendJsonRpcError } from '../errors.js';
import { ServerDirectory } from '../lookup.js';
import type { ToolCallContext, UpstreamDeps } from '../mcp/call-tool.js';
import { McpEndpoint } from '../mcp/endpoint.js';
import { serveHot } from '../mcp/hot-path.js';
import { hotMessage } from '../mcp/hot-route.js';
import { OriginPolicy } from '../origin.js';
import { ToolSetCache } from '../toolset-cache.js';

/** Upper bound of a POSTed MCP message, bytes (the SDK's own default). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The answer to a JSON-RPC batch (a JSON array body): 400, JSON-RPC -32600 Invalid Request. */
export const BATCH_REFUSED =
  'Invalid Request: JSON-RPC batches are not supported (MCP removed them in revision 2025-06-18); send one message per request';

/**
 * The gateway's one route, `/s/:slug/mcp`, as an encapsulated fastify plugin (so its content
 * parsing and error mapping touch nothing else when mounted next to other services). Order of
 * checks, cheapest first: HTTP method (GET/DELETE: 405 before any body is read), body parse,
 * Origin, batch (refused), slug (cached), caller (cached key lookup), tool set (LRU), then the MCP
 * exchange: the hot path for single tools/call, tools/list, ping and notifications, the SDK for
 * the rest.
 */
export async function mcpRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const settings = resolveSettings(deps);
  const directory = new ServerDirectory(deps.store, settings.serverTtlMs);
  const authenticator = new ApiKeyAuthenticator(deps.store, settings.apiKeyTtlMs, (error) =>
    app.log.warn({ err: error }, 'recording API key use failed'),
  );
  const activity = new EndUserActivity(deps.store, (error) =>
    app.log.warn({ err: error }, 'recording end-user activity failed'),
  );
  const access = new AccessControl(
    authenticator,
    deps.tokens ? new BearerVerifier(deps.tokens) : undefined,
    deps.publicOrigin?.replace(/\/+$/, ''),
    activity,
  );
  const toolSets = new ToolSetCache(deps.store, settings.maxToolSets, settings.toolsPageSize);
  // Operator grants scoped per server: callUpstream asks it for the calling server's Agent.
  const dispatcher = createServerScopedAgent({ allowHosts: settings.allowHosts });
  const upstream: UpstreamDeps = {
    directory,
    dispatcher,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
  };
  const origins = new OriginPolicy(settings.allowedOrigins, settings.allowedHosts);
  const endpoint = new McpEndpoint((error) => app.log.debug({ err: error }, 'mcp exchange'));

  app.addHook('onClose', async () => {
    await activity.settle();
    await endpoint.close();
    await dispatcher.close();
  });

  // Error answers of this route are JSON-RPC bodies: MCP clients parse those, not fastify's.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 415) {
      return sendJsonRpcError(
        reply,
        'BAD_REQUEST',
        'Unsupported Media Type: Content-Type must be application/json',
        undefined,
        { status: 415, jsonRpcCode: -32000 },
      );
    }
    if (status === 413) {
      return sendJsonRpcError(
        reply,
        'PAYLOAD_TOO_LARGE',
        `Payload Too Large: the request body must not exceed ${MAX_BODY_BYTES} bytes`,
        undefined,
      );
    }
    if (status === 400) {
      return sendJsonRpcError(
        reply,
        'BAD_REQUEST',
        'Parse error: the request body is not valid JSON',
        undefined,
        { jsonRpcCode: -32700 },
      );
    }
    request.log.error({ err: error }, 'mcp route failed');
    return sendJsonRpcError(reply, 'INTERNAL', 'Internal error', request.body);
  });

  /** Origin/Host check (DNS rebinding, MCP Streamable HTTP security warning): 403 or undefined. */
  const refuseOrigin = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
  ): FastifyReply | undefined => {
    const refused = origins.check(req.headers.origin, req.host);
    if (!refused) return undefined;
    req.log.info({ origin: req.headers.origin, host: req.host, refused }, 'request refused');
    return sendJsonRpcError(reply, 'FORBIDDEN', `Forbidden: ${refused} not allowed`, body, {
      status: 403,
    });
  };

  /**
   * GET and DELETE, answered in onRequest, before fastify reads or parses any body: a stateless
   * server offers no SSE stream (GET) and no session to end (DELETE), MCP basic/transports
   * "Listening for Messages from the Server" and "Session Management". So the answer is 405 whatever
   * the request carries (a DELETE with a text/plain or malformed JSON body was 415 or 400).
   */
  const refuseNonPost = async (
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    if (req.method === 'POST') return undefined;
    return (
      refuseOrigin(req, reply, undefined) ??
      sendJsonRpcError(reply, 'BAD_REQUEST', 'Method not allowed.', undefined, {
        status: 405,
        jsonRpcCode: -32000,
        headers: { allow: 'POST' },
      })
    );
  };

  const handler = async (
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    const body = req.body;
    const refused = refuseOrigin(req, reply, body);
    if (refused) return refused;
    if (Array.isArray(body)) {
      // JSON-RPC batching left MCP in revision 2025-06-18, and neither served revision has it. One
      // POST was N upstream calls (a batch of 100 tools/call made 100): refused whole, before the
      // slug lookup or any message is read.
      return sendJsonRpcError(reply, 'BAD_REQUEST', BATCH_REFUSED, undefined, { status: 400 });
    }
    const server = await directory.serverBySlug(req.params.slug);
    if (!server?.activeVersionId) {
      return sendJsonRpcError(reply, 'NOT_FOUND', 'No MCP server is served at this URL', body);
    }
    const admission = await access.admit(server, req.headers);
    if (!admission.ok) {
      req.log.info({ serverId: server.serverId, reason: admission.reason }, 'caller not admitted');
      return refuse(req, reply, server, { status: 401 }, admission);
    }
    const toolSet = await toolSets.get(server);
    if (!toolSet) {
      req.log.error(
        { serverId: server.serverId, versionId: server.activeVersionId },
        'active manifest missing',
      );
      return sendJsonRpcError(reply, 'NOT_FOUND', 'No MCP server is served at this URL', body);
    }
    const denial = authorizeMessages(admission.caller, body, toolSet);
    if (denial) return refuse(req, reply, server, denial);
    const ctx: ToolCallContext = {
      server,
      toolSet,
      upstream,
      log: req.log,
      caller: admission.caller,
    };
    // tools/call, tools/list, ping and notifications: our own code, no SDK objects per request.
    const hot = hotMessage(req.headers, body);
    if (hot) return serveHot(reply, hot, ctx);
    // initialize, server/discover and everything unusual: the SDK (see endpoint.ts).
    await endpoint.handle(req, reply, body, ctx);
    return reply;
  };

  /**
   * 401/403 answers. `api_key` servers: `WWW-Authenticate: Bearer` (RFC 6750 section 3). `end_user`
   * servers: the RFC 9728 section 5.1 challenge with `resource_metadata` and `scope` (MCP
   * authorization spec), `error="invalid_token"` when credentials were refused,
   * `error="insufficient_scope"` with the scopes to ask for on a 403 (RFC 6750 section 3.1).
   */
  const refuse = (
    req: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
    server: ServerRecord,
    denial: Denial,
    admission?: Extract<Admission, { ok: false }>,
  ): FastifyReply => {
    let challenge = 'Bearer';
    if (server.access === 'end_user') {
      const origin = access.origin ?? `${req.protocol}://${req.host}`;
      const metadata = resourceMetadataUrl(origin, server.slug);
      challenge =
        denial.status === 403
          ? bearerChallenge(metadata, denial.scopes, 'insufficient_scope')
          : bearerChallenge(
              metadata,
              ALL_SCOPES,
              admission?.presented ? 'invalid_token' : undefined,
            );
    }
    const headers = { 'www-authenticate': challenge };
    if (denial.status === 403) {
      const message = `Insufficient scope: this request needs ${denial.scopes.join(' ')}`;
      return sendJsonRpcError(reply, 'FORBIDDEN', message, req.body, { headers });
    }
    const message =
      server.access === 'end_user'
        ? 'Sign-in required: a valid access token or API key for this server is needed'
        : 'A valid API key for this server is required';
    return sendJsonRpcError(reply, 'UNAUTHENTICATED', message, req.body, { headers });
  };

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: '/s/:slug/mcp',
    bodyLimit: MAX_BODY_BYTES,
    onRequest: refuseNonPost,
    handler,
  });
}

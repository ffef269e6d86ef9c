import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  createMcpHandler,
  isLegacyRequest,
  type McpHttpHandler,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ToolCallContext } from '../call/context.js';
import { createToolServer } from './server-factory.js';

/** Request headers the SDK's transports read; only these are copied into the web `Request`. */
const FORWARDED_HEADERS = ['content-type', 'accept', 'last-event-id'];

/**
 * Longest `MCP-Protocol-Version` value handed to the SDK, characters. Revisions are dates
 * (`2025-11-25`, 10 characters); the SDK quotes an unsupported value in its error message
 * ("Unsupported protocol version: <value>"), so a longer value is cut before it can be echoed.
 */
export const MAX_PROTOCOL_VERSION_LENGTH = 32;

/**
 * The `MCP-Protocol-Version` value the SDK sees: printable ASCII only (control and non-ASCII
 * characters dropped), trimmed, at most {@link MAX_PROTOCOL_VERSION_LENGTH} characters. A
 * supported revision passes unchanged; anything else is still refused by the SDK, but never
 * echoed back whole.
 */
export function protocolVersionForSdk(value: string): string {
  return value
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, MAX_PROTOCOL_VERSION_LENGTH);
}

/**
 * The MCP Streamable HTTP endpoint (MCP spec 2025-11-25 basic/transports, and 2026-07-28), served
 * statelessly by the official SDK. Per exchange:
 * - the SDK classifies the message by era (`isLegacyRequest`, from the already-parsed body, so
 *   nothing is read twice);
 * - 2026-07-28 (per-request `_meta` envelope): the SDK's `createMcpHandler` (modern leg, legacy
 *   rejected there) runs its validation ladder, `server/discover`, and the exchange;
 * - 2025-era: a fresh stateless `WebStandardStreamableHTTPServerTransport` with JSON responses
 *   (SSE framing costs ~20% throughput for single-result exchanges and buys nothing here).
 * Both legs get a fresh thin `Server` from {@link createToolServer}; the expensive parts (tool
 * list, validators, upstream pool) are shared. The per-request tool context reaches the SDK's
 * factory through a WeakMap keyed by the web `Request` the SDK hands back to it.
 */
export class McpEndpoint {
  private readonly contexts = new WeakMap<Request, ToolCallContext>();
  private readonly modern: McpHttpHandler;

  constructor(onError: (error: Error) => void) {
    this.modern = createMcpHandler(
      ({ requestInfo }) => {
        const ctx = requestInfo ? this.contexts.get(requestInfo) : undefined;
        if (!ctx) throw new Error('no tool context for this MCP exchange');
        return createToolServer(ctx);
      },
      { legacy: 'reject', onerror: onError },
    );
  }

  /** Serves one POSTed JSON-RPC message (or batch) whose body fastify already parsed. */
  async handle(
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    ctx: ToolCallContext,
  ): Promise<void> {
    const request = toWebRequest(req);
    this.contexts.set(request, ctx);
    const response = (await isLegacyRequest(request, body))
      ? await serveLegacy(request, body, ctx)
      : await this.modern.fetch(request, { parsedBody: body });
    await sendResponse(reply, response);
  }

  close(): Promise<void> {
    return this.modern.close();
  }
}

async function serveLegacy(
  request: Request,
  body: unknown,
  ctx: ToolCallContext,
): Promise<Response> {
  const server = createToolServer(ctx);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request, { parsedBody: body });
  } finally {
    // JSON mode resolves only once the result exists, so the exchange is over here.
    void transport.close().catch(() => {});
    void server.close().catch(() => {});
  }
}

function toWebRequest(req: FastifyRequest): Request {
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith('mcp-') || typeof value !== 'string') continue;
    headers.set(name, name === 'mcp-protocol-version' ? protocolVersionForSdk(value) : value);
  }
  // The body travels as `parsedBody`; the URL only needs to be well-formed for the SDK.
  return new Request(`http://gateway${req.url}`, { method: req.method, headers });
}

async function sendResponse(reply: FastifyReply, response: Response): Promise<void> {
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  if (response.body === null) return reply.send();
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return reply.send(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>));
  }
  return reply.send(await response.text());
}

import type { IncomingHttpHeaders } from 'node:http';
import { classifyInboundRequest, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import type { Era } from '../tools/result-fields.js';
import type { RequestId } from './jsonrpc.js';

/**
 * Revisions the SDK's modern (per-request envelope) leg serves. The SDK keeps its
 * `SUPPORTED_MODERN_PROTOCOL_VERSIONS` internal (its public `SUPPORTED_PROTOCOL_VERSIONS` lists the
 * 2025-era handshake revisions only); a test pins this list to what `server/discover` advertises,
 * so an SDK upgrade that adds a revision fails loudly instead of silently taking the SDK path.
 */
export const MODERN_REVISIONS: readonly string[] = ['2026-07-28'];

/** Methods the hot path answers itself; everything else goes to the SDK. */
type HotMethod = 'tools/call' | 'tools/list' | 'ping' | 'notification';

/** A message the hot path may answer, with what it needs to answer it. */
export interface HotMessage {
  era: Era;
  method: HotMethod;
  /** Absent for notifications. */
  id?: RequestId;
  params: Record<string, unknown> | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function hotMethodOf(method: string): HotMethod | undefined {
  if (method === 'tools/call' || method === 'tools/list' || method === 'ping') return method;
  return method.startsWith('notifications/') ? 'notification' : undefined;
}

/**
 * Decides whether one POSTed, already-parsed JSON-RPC body can be answered by the gateway's own
 * code, and on which protocol revision's wire. Returns `undefined` whenever the SDK should answer
 * instead: batches, `initialize`, `server/discover`, other methods, and every request the SDK would
 * reject or treat specially, so its exact error answers are kept without re-implementing them.
 *
 * Era: the SDK's own `classifyInboundRequest` (body-primary: a `params._meta` envelope claim makes
 * a request 2026-07-28; the `MCP-Protocol-Version` header is a cross-check), the same predicate
 * `createMcpHandler` and `isLegacyRequest` run. On top of it, the transport rules each SDK leg
 * applies before dispatch:
 * - 2025-era (`WebStandardStreamableHTTPServerTransport`): `Accept` must list both
 *   `application/json` and `text/event-stream` (else its 406); an `MCP-Protocol-Version` header, when
 *   present, must be one of `SUPPORTED_PROTOCOL_VERSIONS` (else its 400).
 * - 2026-07-28 (SEP-2243 standard headers, the SDK's `validateStandardRequestHeaders`): a request
 *   must carry `MCP-Protocol-Version` and `Mcp-Method` (their agreement with the body is checked by
 *   the classifier), and a `tools/call` an `Mcp-Name` equal to `params.name` (a Base64 sentinel
 *   value goes to the SDK, which decodes it). `ping` does not exist on that revision: the SDK
 *   answers it (method not found).
 * Params shapes the SDK validates with its schemas (`name` a string, `arguments` an object,
 * `cursor` a string) are checked here too; a bad shape goes to the SDK for its exact -32602.
 */
export function hotMessage(headers: IncomingHttpHeaders, body: unknown): HotMessage | undefined {
  if (!isPlainObject(body) || typeof body.method !== 'string') return undefined;
  const method = hotMethodOf(body.method);
  if (method === undefined) return undefined;
  const params = body.params;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  if (!paramsFit(method, params)) return undefined;

  const protocolVersionHeader = header(headers, 'mcp-protocol-version');
  const mcpMethodHeader = header(headers, 'mcp-method');
  const mcpNameHeader = header(headers, 'mcp-name');
  const outcome = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    ...(protocolVersionHeader !== undefined ? { protocolVersionHeader } : {}),
    ...(mcpMethodHeader !== undefined ? { mcpMethodHeader } : {}),
    ...(mcpNameHeader !== undefined ? { mcpNameHeader } : {}),
  });

  if (outcome.kind === 'legacy') {
    if (outcome.reason !== 'no-claim' && outcome.reason !== 'notification') return undefined;
    if (protocolVersionHeader !== undefined) {
      if (!SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersionHeader)) return undefined;
    }
    const accept = headers.accept;
    if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) {
      return undefined;
    }
    return message('legacy', method, body.id, params);
  }
  if (outcome.kind !== 'modern') return undefined;
  const revision = outcome.classification.revision;
  if (revision === undefined || !MODERN_REVISIONS.includes(revision)) return undefined;
  if (outcome.messageKind === 'notification') {
    return method === 'notification' ? message('modern', method, undefined, params) : undefined;
  }
  if (method === 'ping' || method === 'notification') return undefined;
  if (protocolVersionHeader === undefined || mcpMethodHeader === undefined) return undefined;
  if (method === 'tools/call' && mcpNameHeader !== params?.name) return undefined;
  return message('modern', method, body.id, params);
}

function paramsFit(method: HotMethod, params: Record<string, unknown> | undefined): boolean {
  if (method === 'tools/call') {
    if (typeof params?.name !== 'string') return false;
    return params.arguments === undefined || isPlainObject(params.arguments);
  }
  if (method === 'tools/list') {
    return params?.cursor === undefined || typeof params.cursor === 'string';
  }
  return true;
}

function message(
  era: Era,
  method: HotMethod,
  id: unknown,
  params: Record<string, unknown> | undefined,
): HotMessage | undefined {
  if (method === 'notification') return { era, method, params };
  // The classifier accepted it as a request, so the id is a string or a number.
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  return { era, method, id, params };
}

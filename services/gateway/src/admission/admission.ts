import { PorticoError } from '@portico/contracts';
import type { ServerRecord } from '@portico/store';
import type { FastifyRequest } from 'fastify';
import type { ToolSetCache } from '../tools/cache.js';
import type { ToolSet } from '../tools/types.js';
import { type AccessControl, authorizeMessage, type Caller } from './access.js';
import type { OriginPolicy } from './origin.js';
import { refusal } from './refusal.js';
import type { ServerDirectory } from './servers.js';

/** The answer to a JSON-RPC batch (a JSON array body): 400, JSON-RPC -32600 Invalid Request. */
export const BATCH_REFUSED =
  'Invalid Request: JSON-RPC batches are not supported (MCP removed them in revision 2025-06-18); send one message per request';

const NOT_SERVED = 'No MCP server is served at this URL';

/** An admitted request: the server, who calls, and the tool set the message is served from. */
export interface Admitted {
  server: ServerRecord;
  caller: Caller;
  toolSet: ToolSet;
}

/**
 * The admission stage, entered once per request, cheapest check first: Origin/Host (DNS
 * rebinding, MCP Streamable HTTP security warning: 403), batch (refused whole, before any message
 * is read: one POST was N upstream calls), slug (cached), caller (cached key lookup or bearer
 * verification), the server's tool set (LRU; it says which tools are public), then what this
 * caller may send (scopes, public tools). Every refusal is a thrown PorticoError: FORBIDDEN,
 * BAD_REQUEST, NOT_FOUND, UNAUTHENTICATED or FORBIDDEN with its `WWW-Authenticate` challenge.
 */
export class Admission {
  constructor(
    private readonly parts: {
      origins: OriginPolicy;
      servers: ServerDirectory;
      access: AccessControl;
      toolSets: Pick<ToolSetCache, 'get'>;
    },
  ) {}

  /** Refuses a request whose Origin or Host is not allowed (403); also for GET and DELETE. */
  checkOrigin(req: FastifyRequest): void {
    const refused = this.parts.origins.check(req.headers.origin, req.host);
    if (!refused) return;
    req.log.info({ origin: req.headers.origin, host: req.host, refused }, 'request refused');
    throw new PorticoError('FORBIDDEN', `Forbidden: ${refused} not allowed`);
  }

  /** Admits one POSTed, parsed message for `/s/{slug}/mcp`, or throws the refusal. */
  async admit(req: FastifyRequest, slug: string, body: unknown): Promise<Admitted> {
    this.checkOrigin(req);
    if (Array.isArray(body)) throw new PorticoError('BAD_REQUEST', BATCH_REFUSED);
    const { access, servers, toolSets } = this.parts;
    const server = await servers.serverBySlug(slug);
    if (!server?.activeVersionId) throw new PorticoError('NOT_FOUND', NOT_SERVED);
    const admission = await access.admit(server, req.headers);
    if (!admission.ok) {
      req.log.info({ serverId: server.serverId, reason: admission.reason }, 'caller not admitted');
      throw refusal(server, { status: 401 }, this.originOf(req), admission.presented);
    }
    const toolSet = await toolSets.get(server);
    if (!toolSet) {
      req.log.error(
        { serverId: server.serverId, versionId: server.activeVersionId },
        'active manifest missing',
      );
      throw new PorticoError('NOT_FOUND', NOT_SERVED);
    }
    const denial = authorizeMessage(admission.caller, body, toolSet);
    if (denial) throw refusal(server, denial, this.originOf(req));
    return { server, caller: admission.caller, toolSet };
  }

  /** The origin a challenge names: the canonical one, else the request's own (refusals only). */
  private originOf(req: FastifyRequest): string {
    return this.parts.access.origin ?? `${req.protocol}://${req.host}`;
  }
}

import type { ServerRecord } from '@portico/store';
import type { ToolSet } from '../tools/types.js';
import type { ApiKeyAuthenticator } from './api-keys.js';
import { ALL_SCOPES, type BearerVerifier, type EndUser, resourceUrl, SCOPES } from './bearer.js';
import type { EndUserActivity } from './end-user-activity.js';

/**
 * Who is calling, once admitted:
 * - `machine`: anyone at a `public` server, or an API key of the server's org (any mode): all tools.
 * - `user`: an end user with a verified access token (`end_user` servers): what its scopes allow.
 * - `anonymous`: no credentials at an `end_user` server: the handshake and the public tools only.
 */
export type Caller =
  | { kind: 'machine'; keyId?: string }
  | { kind: 'user'; user: EndUser }
  | { kind: 'anonymous' };

/** `presented`: credentials were sent but refused (RFC 6750 section 3.1 `invalid_token`). */
export type Admission =
  | { ok: true; caller: Caller }
  | { ok: false; reason: string; presented: boolean };

/** Why an admitted caller may not send this message: 401 (sign in first) or 403 (step-up). */
export type Denial = { status: 401 } | { status: 403; scopes: string[] };

type Headers = Record<string, string | string[] | undefined>;

/**
 * Admission by the server's access mode (MCP authorization spec, "Access Token Usage"):
 * `public` anyone; `api_key` the org's keys (see {@link ApiKeyAuthenticator}); `end_user`
 * `Authorization: Bearer <at+jwt>` for `publicOrigin/s/{slug}/mcp`, or an org API key
 * (`x-api-key`, or a `Bearer ptk_...`), or nobody (anonymous). A JWT is only ever verified when
 * both a token service and the canonical `publicOrigin` are configured; without them an
 * `end_user` server admits API keys and anonymous callers only. An admitted end user's activity
 * is recorded (at most once a minute, off the path); a token of an end user the gateway has
 * learned was deleted, issued before it learned so, is refused (`end_user_deleted`).
 */
export class AccessControl {
  constructor(
    private readonly keys: Pick<ApiKeyAuthenticator, 'authenticate'>,
    private readonly bearer: BearerVerifier | undefined,
    private readonly publicOrigin: string | undefined,
    private readonly activity: Pick<EndUserActivity, 'isDeleted' | 'record'>,
  ) {}

  /** The configured canonical origin, if any. */
  get origin(): string | undefined {
    return this.publicOrigin;
  }

  async admit(server: ServerRecord, headers: Headers): Promise<Admission> {
    if (server.access !== 'end_user') return this.viaKey(server, headers);
    const credential = bearerOrKey(headers);
    if (credential === undefined) return { ok: true, caller: { kind: 'anonymous' } };
    if (credential.kind === 'key') return this.viaKey(server, headers);
    if (!this.bearer || this.publicOrigin === undefined) {
      return { ok: false, reason: 'jwt_not_configured', presented: true };
    }
    const audience = resourceUrl(this.publicOrigin, server.slug);
    const verdict = await this.bearer.verify(credential.token, audience, server.orgId);
    if (!verdict.ok) return { ok: false, reason: verdict.reason, presented: true };
    const { user } = verdict;
    if (this.activity.isDeleted(server, user.sub, user.iatMs)) {
      return { ok: false, reason: 'end_user_deleted', presented: true };
    }
    this.activity.record(server, user.sub);
    return { ok: true, caller: { kind: 'user', user } };
  }

  private async viaKey(server: ServerRecord, headers: Headers): Promise<Admission> {
    const outcome = await this.keys.authenticate(server, headers);
    if (!outcome.ok) {
      return { ok: false, reason: outcome.reason, presented: outcome.reason !== 'missing' };
    }
    return {
      ok: true,
      caller: { kind: 'machine', ...(outcome.keyId !== undefined ? { keyId: outcome.keyId } : {}) },
    };
  }
}

/** `x-api-key` or `Bearer ptk_...` is a key; any other bearer value is taken for a JWT. */
function bearerOrKey(
  headers: Headers,
): { kind: 'key' } | { kind: 'jwt'; token: string } | undefined {
  const xApiKey = headers['x-api-key'];
  if (typeof xApiKey === 'string' && xApiKey !== '') return { kind: 'key' };
  const authorization = headers.authorization;
  if (typeof authorization !== 'string' || authorization.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return { kind: 'key' }; // malformed: the key path refuses it (401)
  return match[1].startsWith('ptk_') ? { kind: 'key' } : { kind: 'jwt', token: match[1] };
}

/**
 * Checks the JSON-RPC message of a body against what the caller may do, before anything is
 * answered: `tools/list` needs `tools:read`, `tools/call` `tools:call` (users); an anonymous caller
 * may list (it sees the public subset) and call public tools only. Everything else (initialize,
 * ping, notifications, server/discover) is open to every admitted caller, so a client can connect
 * before signing in — but only where some tool is public: a server without public tools answers
 * an anonymous caller 401 from the first message, which is what starts an MCP client's
 * authorization flow (MCP authorization spec, "Authorization Flow Steps"). Batches never get here
 * (see Admission). Returns the denial, or `undefined`.
 */
export function authorizeMessage(
  caller: Caller,
  message: unknown,
  toolSet: ToolSet,
): Denial | undefined {
  if (caller.kind === 'machine') return undefined;
  if (caller.kind === 'anonymous' && toolSet.publicTools.size === 0) return { status: 401 };
  if (message === null || typeof message !== 'object') return undefined;
  const { method, params } = message as { method?: unknown; params?: unknown };
  if (method !== 'tools/call' && method !== 'tools/list') return undefined;
  if (caller.kind === 'anonymous') {
    if (method === 'tools/list') return undefined;
    const name = (params as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && toolSet.publicTools.has(name) ? undefined : { status: 401 };
  }
  const needed = method === 'tools/list' ? SCOPES.read : SCOPES.call;
  if (caller.user.scopes.has(needed)) return undefined;
  // Step-up (MCP "Scope Challenge Handling"): ask for what it has plus what it lacks.
  const scopes = ALL_SCOPES.filter((s) => s === needed || caller.user.scopes.has(s));
  return { status: 403, scopes };
}

import { PorticoError } from '@portico/contracts';
import { isId, type MemberRole } from '@portico/store';
import {
  API_KEY_PREFIX,
  hashApiKey,
  isWellFormedApiKey,
  TOKEN_TYPES,
  TokenError,
  type VerifiedToken,
} from '@portico/tokens';
import type { FastifyRequest } from 'fastify';
import type { Deps, VerbContext } from './context.js';

/** The authenticated caller of a control API request. */
export interface AuthInfo {
  orgId: string;
  /** The member's role; an org API key acts as `admin`. */
  role: MemberRole;
  /** `key:<keyId>` (org API key) or `member:<memberId>` (member session). */
  actor: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on every authenticated route; null elsewhere. */
    controlApiAuth: AuthInfo | null;
  }
}

type Credential = { kind: 'key'; key: string } | { kind: 'session'; token: string };

/**
 * The credential presented: `x-api-key: <key>`, or `Authorization: Bearer <value>` where a value
 * starting with `ptk_` is an API key and anything else a member session token (JWT). Throws
 * UNAUTHENTICATED if none, if Authorization uses another scheme, or if both headers disagree.
 */
function presentedCredential(req: FastifyRequest): Credential {
  const authorization = req.headers.authorization;
  const header = req.headers['x-api-key'];
  let fromAuthorization: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match?.[1]) {
      throw new PorticoError(
        'UNAUTHENTICATED',
        'Authorization must be "Bearer <API key or session token>"',
      );
    }
    fromAuthorization = match[1];
  }
  const fromHeader = typeof header === 'string' ? header.trim() : undefined;
  if (fromAuthorization && fromHeader && fromAuthorization !== fromHeader) {
    throw new PorticoError('UNAUTHENTICATED', 'Authorization and x-api-key carry different keys');
  }
  if (fromHeader) return { kind: 'key', key: fromHeader };
  if (fromAuthorization) {
    return fromAuthorization.startsWith(API_KEY_PREFIX)
      ? { kind: 'key', key: fromAuthorization }
      : { kind: 'session', token: fromAuthorization };
  }
  throw new PorticoError(
    'UNAUTHENTICATED',
    'credentials are required: "Authorization: Bearer ptk_..." (API key), "x-api-key: ptk_..." or "Authorization: Bearer <member session token>"',
  );
}

/**
 * An org API key: shape and checksum checked before any database read, then looked up by SHA-256.
 * Errors: UNAUTHENTICATED (malformed, unknown or revoked), FORBIDDEN (server-scoped key: those are
 * for the gateway only).
 */
async function keyAuth(deps: Deps, req: FastifyRequest, key: string): Promise<AuthInfo> {
  if (!isWellFormedApiKey(key)) throw new PorticoError('UNAUTHENTICATED', 'invalid API key');
  const record = await deps.store.apiKeys.findByHash(hashApiKey(key));
  if (!record) throw new PorticoError('UNAUTHENTICATED', 'invalid API key');
  if (record.revokedAt) throw new PorticoError('UNAUTHENTICATED', 'API key revoked');
  if (record.serverId) {
    throw new PorticoError(
      'FORBIDDEN',
      'this API key is scoped to one server: it works at the gateway, not the control API',
    );
  }
  // Last-used time is best effort and written at most once a minute; never fail the request.
  deps.store.apiKeys.touch(record).catch((err: unknown) => {
    req.log.warn({ err }, 'could not record API key use');
  });
  return { orgId: record.orgId, role: 'admin', actor: `key:${record.keyId}` };
}

/**
 * A member session token (`typ: portico-session+jwt`, tokens/README "Token kinds"): ES256
 * signature by a published key, `typ`, `iss` and `aud` (exactly `${publicOrigin}/api/v1`) pinned
 * (RFC 8725 sections 3.8, 3.9, 3.11), `exp`/`iat` checked; then the member is read on every
 * request, so a removed member is refused at once and a role change applies at once.
 * Errors: UNAUTHENTICATED (session tokens not configured, token refused, no `org_id`, not a
 * member of that org).
 */
async function sessionAuth(deps: Deps, token: string): Promise<AuthInfo> {
  const sessions = deps.sessions;
  if (!sessions) {
    throw new PorticoError('UNAUTHENTICATED', 'this deployment accepts API keys only');
  }
  let claims: VerifiedToken;
  try {
    claims = await sessions.tokens.verify(token, {
      typ: TOKEN_TYPES.session,
      audience: sessions.audience,
    });
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    const expired = err.reason === 'TOKEN_EXPIRED';
    throw new PorticoError(
      'UNAUTHENTICATED',
      expired ? 'session token expired' : 'invalid session token',
    );
  }
  const orgId = claims.orgId;
  if (claims.iss !== sessions.issuer || orgId === undefined || !isId('org', orgId)) {
    throw new PorticoError('UNAUTHENTICATED', 'invalid session token');
  }
  const member = await deps.store.members.get(orgId, claims.sub);
  if (!member) throw new PorticoError('UNAUTHENTICATED', 'not a member of this organization');
  return { orgId, role: member.role, actor: `member:${member.memberId}` };
}

/**
 * onRequest hook of every authenticated route (runs before the body is read): an org API key
 * (acting as `admin`) or a member session token (acting with the member's role). Sets
 * `req.controlApiAuth`. Errors: UNAUTHENTICATED (401), FORBIDDEN (403, server-scoped key).
 */
export function authenticate(deps: Deps): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    const credential = presentedCredential(req);
    req.controlApiAuth =
      credential.kind === 'key'
        ? await keyAuth(deps, req, credential.key)
        : await sessionAuth(deps, credential.token);
  };
}

/** The verb context of an authenticated request. Throws (a bug) if the route is not authenticated. */
export function ctxOf(req: FastifyRequest): VerbContext {
  const auth = req.controlApiAuth;
  if (!auth) throw new Error('route is not behind authenticate()');
  return { orgId: auth.orgId, actor: auth.actor, role: auth.role, requestId: req.id };
}

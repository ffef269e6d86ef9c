import { PorticoError } from '@portico/contracts';
import { hashApiKey, isWellFormedApiKey } from '@portico/tokens';
import type { FastifyRequest } from 'fastify';
import type { Deps, VerbContext } from './context.js';

/** The authenticated caller of a control API request. */
export interface AuthInfo {
  orgId: string;
  keyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on every authenticated route; null elsewhere. */
    controlApiAuth: AuthInfo | null;
  }
}

/**
 * The API key presented: `Authorization: Bearer <key>` or `x-api-key: <key>`. Throws
 * UNAUTHENTICATED if none, if Authorization uses another scheme, or if both headers disagree.
 */
function presentedKey(req: FastifyRequest): string {
  const authorization = req.headers.authorization;
  const header = req.headers['x-api-key'];
  let fromAuthorization: string | undefined;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match?.[1])
      throw new PorticoError('UNAUTHENTICATED', 'Authorization must be "Bearer <API key>"');
    fromAuthorization = match[1];
  }
  const fromHeader = typeof header === 'string' ? header.trim() : undefined;
  if (fromAuthorization && fromHeader && fromAuthorization !== fromHeader) {
    throw new PorticoError('UNAUTHENTICATED', 'Authorization and x-api-key carry different keys');
  }
  const key = fromAuthorization ?? fromHeader;
  if (!key) {
    throw new PorticoError(
      'UNAUTHENTICATED',
      'an API key is required: "Authorization: Bearer ptk_..." or "x-api-key: ptk_..."',
    );
  }
  return key;
}

/**
 * onRequest hook of every authenticated route (runs before the body is read). Checks the key's
 * shape and checksum before any database read, then looks it up by SHA-256.
 * Errors: UNAUTHENTICATED (missing, malformed, unknown or revoked key), FORBIDDEN (a server-scoped
 * key: those are for the gateway only).
 */
export function authenticate(deps: Deps): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    const key = presentedKey(req);
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
    req.controlApiAuth = { orgId: record.orgId, keyId: record.keyId };
    // Last-used time is best effort and written at most once a minute; never fail the request.
    deps.store.apiKeys.touch(record).catch((err: unknown) => {
      req.log.warn({ err }, 'could not record API key use');
    });
  };
}

/** The verb context of an authenticated request. Throws (a bug) if the route is not authenticated. */
export function ctxOf(req: FastifyRequest): VerbContext {
  if (!req.controlApiAuth) throw new Error('route is not behind authenticate()');
  return { orgId: req.controlApiAuth.orgId, actor: req.controlApiAuth.keyId, requestId: req.id };
}

import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { MIN_CODE_KEY_BYTES } from './codes.js';
import { loggerOptions } from './logging.js';
import { type AuthOptions, authService } from './plugin.js';
import { oauthDiscovery } from './routes/oauth_metadata.js';

/** The plugin's options, and what the standalone instance adds: logging and the proxy to trust. */
export interface BuildAppDeps extends AuthOptions {
  /** true, or pino options (e.g. `{ level, stream }`); codes and addresses are redacted. */
  logger?: boolean | object;
  /** fastify `trustProxy` (behind the ALB: its addresses) for the client IP. */
  trustProxy?: boolean | string[];
}

/** Request ids: `req_` + 16 random base64url characters; incoming ids are not trusted. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('base64url')}`;
}

/**
 * The auth service as a standalone fastify instance, routes under `/auth`. Does not listen: call
 * `listen()` or drive it with `inject()`. Throws if `codeKey` is shorter than 32 bytes.
 */
export async function buildApp(deps: BuildAppDeps): Promise<FastifyInstance> {
  if (deps.codeKey.length < MIN_CODE_KEY_BYTES) {
    throw new Error(`codeKey must be at least ${MIN_CODE_KEY_BYTES} bytes`);
  }
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    genReqId: newRequestId,
    requestIdHeader: false,
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
  });
  const { logger: _logger, trustProxy: _trustProxy, ...options } = deps;
  await app.register(authService, { prefix: '/auth', ...options });
  await app.register(oauthDiscovery, {
    store: deps.store,
    issuer: deps.issuer,
    publicOrigin: deps.publicOrigin.replace(/\/+$/, ''),
  });
  return app;
}

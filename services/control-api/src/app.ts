import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from './logging.js';
import { type ControlApiOptions, controlApi } from './plugin.js';

/** The plugin's options, and how the standalone instance logs. */
export interface BuildAppDeps extends ControlApiOptions {
  /** true, or pino options (e.g. `{ level, stream }`); secrets are redacted either way. */
  logger?: boolean | object;
}

/** Request ids: `req_` + 16 random base64url characters; incoming ids are not trusted. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('base64url')}`;
}

/**
 * The control API as a standalone fastify instance, routes under `/api/v1`. Does not listen:
 * call `listen()` or drive it with `inject()`. Throws when only some of tokens, issuer and
 * publicOrigin are given.
 */
export async function buildApp(deps: BuildAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    genReqId: newRequestId,
    requestIdHeader: false,
  });
  const { logger: _, ...options } = deps;
  await app.register(controlApi, { prefix: '/api/v1', ...options });
  return app;
}

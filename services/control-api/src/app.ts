import { randomBytes } from 'node:crypto';
import type { StorageLimits, Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from './logging.js';
import { controlApi } from './plugin.js';
import type { ControlApiSignupMode } from './verbs/orgs/signup-mode.js';

export interface BuildAppDeps {
  store: Store;
  /** true, or pino options (e.g. `{ level, stream }`); secrets are redacted either way. */
  logger?: boolean | object;
  /**
   * PORTICO_SIGNUP. Only `open` serves the unverified POST /api/v1/orgs (local stack, tests);
   * `email` (the default) and `token` answer it 403: orgs sign up through the auth service.
   */
  signup?: ControlApiSignupMode;
  /** When set, signup (POST /api/v1/orgs) requires header `x-portico-signup-token`. */
  signupToken?: string;
  /** Largest spec upload in bytes, as sent and after gzip decoding. Default 32 MiB (DEFAULT_MAX_DOCUMENT_BYTES). */
  maxSpecBytes?: number;
  /** Versions kept per server and stored bytes per org; defaults: DEFAULT_STORAGE_LIMITS. */
  storageLimits?: Partial<StorageLimits>;
  /**
   * Member session tokens (`Authorization: Bearer <portico-session+jwt>`) are accepted only with
   * all three: the token service that verifies them, the issuer they must carry, and the
   * canonical origin (`aud` must be `${publicOrigin}/api/v1`). Without them, only API keys.
   */
  tokens?: Pick<TokenService, 'verify'>;
  issuer?: string;
  publicOrigin?: string;
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
  await app.register(controlApi, {
    prefix: '/api/v1',
    store: deps.store,
    ...(deps.signup ? { signup: deps.signup } : {}),
    ...(deps.signupToken ? { signupToken: deps.signupToken } : {}),
    ...(deps.maxSpecBytes ? { maxSpecBytes: deps.maxSpecBytes } : {}),
    ...(deps.storageLimits ? { storageLimits: deps.storageLimits } : {}),
    ...(deps.tokens ? { tokens: deps.tokens } : {}),
    ...(deps.issuer ? { issuer: deps.issuer } : {}),
    ...(deps.publicOrigin ? { publicOrigin: deps.publicOrigin } : {}),
  });
  return app;
}

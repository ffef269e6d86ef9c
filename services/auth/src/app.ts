import { randomBytes } from 'node:crypto';
import type { Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import Fastify, { type FastifyInstance } from 'fastify';
import { MIN_CODE_KEY_BYTES } from './codes.js';
import type { CodeLimits } from './context.js';
import type { EmailSender } from './email/sender.js';
import { loggerOptions } from './logging.js';
import type { MemberDirectory } from './members.js';
import type { CimdOptions } from './oauth/cimd/resolver.js';
import { authService } from './plugin.js';
import type { RouteBudgetOverrides } from './rate-limit.js';
import { oauthDiscovery } from './routes/oauth_metadata.js';
import type { SignupOptions } from './signup.js';

export interface BuildAppDeps {
  store: Store;
  /** Where codes are mailed: sesEmailSender() in production and locally (SES stand-in). */
  email: EmailSender;
  /** HMAC-SHA256 key for email codes, >= 32 bytes, kept out of the table. */
  codeKey: Buffer;
  /** The clock (tests inject a fake one). Default: `() => new Date()`. */
  now?: () => Date;
  /** Who is a member of an org. Default: the store's members (storeMembers). */
  members?: MemberDirectory;
  limits?: Partial<CodeLimits>;
  /** Per-IP budgets of route families that differ from RATE_LIMITS (tests). */
  rateLimits?: RouteBudgetOverrides;
  /** true, or pino options (e.g. `{ level, stream }`); codes and addresses are redacted. */
  logger?: boolean | object;
  /** fastify `trustProxy` (behind the ALB: its addresses) for the client IP. */
  trustProxy?: boolean | string[];
  /** ES256 access tokens and the JWKS (createTokenService with the same issuer). */
  tokens: TokenService;
  /** The authorization server's issuer identifier (RFC 8414 section 2), e.g. the public origin. */
  issuer: string;
  /**
   * The public origin the MCP servers are reached at: resources are `<origin>/s/<slug>/mcp`, and
   * member sessions' `aud` is `controlApiAudience(publicOrigin)` = `<origin>/api/v1`.
   */
  publicOrigin: string;
  /** How Client ID Metadata Documents are fetched (allow-listed hosts, extra CA, timeout). */
  cimd?: CimdOptions;
  /** How organizations sign up (PORTICO_SIGNUP). Default `{ mode: 'email' }`. */
  signup?: SignupOptions;
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
  await app.register(authService, {
    prefix: '/auth',
    store: deps.store,
    email: deps.email,
    codeKey: deps.codeKey,
    tokens: deps.tokens,
    issuer: deps.issuer,
    publicOrigin: deps.publicOrigin,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.members ? { members: deps.members } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
    ...(deps.rateLimits ? { rateLimits: deps.rateLimits } : {}),
    ...(deps.cimd ? { cimd: deps.cimd } : {}),
    ...(deps.signup ? { signup: deps.signup } : {}),
  });
  await app.register(oauthDiscovery, {
    store: deps.store,
    issuer: deps.issuer,
    publicOrigin: deps.publicOrigin.replace(/\/+$/, ''),
  });
  return app;
}

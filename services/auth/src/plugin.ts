import rateLimit from '@fastify/rate-limit';
import { installErrorHandling, PorticoError } from '@portico/contracts';
import type { Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type CodeLimits, DEFAULT_CODE_LIMITS, type Deps } from './context.js';
import type { EmailSender } from './email/sender.js';
import { type MemberDirectory, storeMembers } from './members.js';
import { type CimdOptions, createCimdResolver } from './oauth/cimd/resolver.js';
import { deriveFlowKey, type OAuthDeps } from './oauth/context.js';
import { answerOAuthError } from './oauth/errors.js';
import { registerFormParser } from './oauth/form.js';
import { dynamoRateLimitStore, type RouteBudgetOverrides, routeBudgets } from './rate-limit.js';
import { registerAuthCodesRequest } from './routes/auth_codes_request.js';
import { registerAuthCodesVerify } from './routes/auth_codes_verify.js';
import { registerAuthSessionsCreate } from './routes/auth_sessions_create.js';
import { registerAuthSessionsRefresh } from './routes/auth_sessions_refresh.js';
import { registerAuthSessionsRevoke } from './routes/auth_sessions_revoke.js';
import { registerAuthSignupRequest } from './routes/auth_signup_request.js';
import { registerAuthSignupVerify } from './routes/auth_signup_verify.js';
import { registerOAuthAuthorize } from './routes/oauth_authorize.js';
import { registerJwks } from './routes/oauth_metadata.js';
import { registerOAuthRegister } from './routes/oauth_register.js';
import { registerOAuthToken } from './routes/oauth_token.js';
import { checkSignupOptions, type SignupOptions } from './signup.js';

export interface AuthOptions {
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
  /** ES256 access and session tokens and the JWKS (createTokenService with the same issuer). */
  tokens: TokenService;
  /**
   * The authorization server's issuer identifier (RFC 8414 section 2), e.g. the public origin:
   * `iss` of tokens and authorization responses (RFC 9207).
   */
  issuer: string;
  /**
   * The public origin the MCP servers are reached at, e.g. `https://portico.example` (a trailing
   * slash is ignored): resources are `<origin>/s/<slug>/mcp`, and member sessions' `aud` is
   * `controlApiAudience(publicOrigin)` = `<origin>/api/v1`.
   */
  publicOrigin: string;
  /** How Client ID Metadata Documents are fetched (allow-listed hosts, extra CA, timeout). */
  cimd?: CimdOptions;
  /** How organizations sign up (PORTICO_SIGNUP). Default `{ mode: 'email' }`. */
  signup?: SignupOptions;
}

/** The verbs' dependencies with defaults filled in (for callers of the verbs outside routes). */
export function createDeps(opts: AuthOptions, log: FastifyBaseLogger): Deps {
  return {
    store: opts.store,
    email: opts.email,
    codeKey: opts.codeKey,
    now: opts.now ?? (() => new Date()),
    members: opts.members ?? storeMembers(opts.store),
    limits: { ...DEFAULT_CODE_LIMITS, ...opts.limits },
    rateLimits: routeBudgets(opts.rateLimits),
    outbox: new Set(),
    log,
    tokens: opts.tokens,
    publicOrigin: opts.publicOrigin.replace(/\/+$/, ''),
    signup: checkSignupOptions(opts.signup ?? { mode: 'email' }),
  };
}

/**
 * The auth service as an encapsulated fastify plugin; register it with `prefix: '/auth'`.
 * Brings its own zod compilers, error vocabulary, per-IP rate limits per route family (RATE_LIMITS, counted in DynamoDB) and
 * `cache-control: no-store` on every answer (RFC 6749 section 5.1 asks it of credentials).
 * On close it waits for emails still being sent. Routes: email codes, member sessions
 * (`/auth/sessions`, `/refresh`, `/revoke`), organization sign-up (`/auth/signup`, `/verify`), and the OAuth 2.1 authorization server's `/auth`
 * endpoints (authorize, token, register, revoke, jwks); `/.well-known` documents are served by
 * `oauthDiscovery` at the root.
 */
export async function authService(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const deps = createDeps(opts, app.log);
  const { now } = deps;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { wire: 'http', notFound: true, intercept: answerOAuthError });
  registerFormParser(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Routes that publish cacheable documents (the JWKS) set their own.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onClose', async () => {
    await Promise.allSettled([...deps.outbox]);
  });

  await app.register(rateLimit, {
    global: false,
    store: dynamoRateLimitStore(deps.store, now),
    // No counters on allowed answers: identical answers are part of not revealing members.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: () =>
      new PorticoError('RATE_LIMITED', 'too many requests, try again later'),
  });

  const zapp = app.withTypeProvider<ZodTypeProvider>();
  registerAuthCodesRequest(zapp, deps);
  registerAuthCodesVerify(zapp, deps);
  registerAuthSessionsCreate(zapp, deps);
  registerAuthSessionsRefresh(zapp, deps);
  registerAuthSessionsRevoke(zapp, deps);
  registerAuthSignupRequest(zapp, deps);
  registerAuthSignupVerify(zapp, deps);

  const oauth: OAuthDeps = {
    ...deps,
    issuer: opts.issuer,
    flowKey: deriveFlowKey(opts.codeKey),
    cimd: createCimdResolver(opts.cimd ?? {}, now),
  };
  app.addHook('onClose', () => oauth.cimd.close());
  registerJwks(zapp, oauth.tokens);
  registerOAuthRegister(zapp, oauth);
  registerOAuthAuthorize(zapp, oauth);
  registerOAuthToken(zapp, oauth);
}

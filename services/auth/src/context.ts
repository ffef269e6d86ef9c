import type { Store } from '@portico/store';
import type { TokenService } from '@portico/tokens';
import type { FastifyBaseLogger } from 'fastify';
import type { EmailSender } from './email/sender.js';
import type { MemberDirectory } from './members.js';
import type { RouteBudgets } from './rate-limit.js';
import type { SignupOptions } from './signup.js';

/** Who is asking: the request id and the client's network identity (for auth events). */
export interface VerbContext {
  requestId: string;
  /** Client IP as fastify resolved it (honours `trustProxy`). */
  ip: string;
  userAgent?: string;
}

/** A verb's argument: the caller's context and the validated input. */
export interface VerbArgs<I> {
  ctx: VerbContext;
  input: I;
}

/**
 * The per-address limit of the email-code flow (member sign-in, end users and sign-up alike).
 * The per-IP budgets of the routes are RATE_LIMITS (rate-limit.ts).
 */
export interface CodeLimits {
  /** Sends per email address per window, across every org and server. Default 3. */
  sendsPerEmail: number;
  /** The sliding window of the sends, ms. Default 10 minutes. */
  windowMs: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = {
  sendsPerEmail: 3,
  windowMs: 10 * 60_000,
};

/**
 * Lifetime of an email code, seconds: a code is valid 10 minutes (docs/architecture.md section 3,
 * `emailCode`).
 */
export const CODE_TTL_SECONDS = 600;

/** What verbs depend on, resolved once by buildApp. */
export interface Deps {
  store: Store;
  email: EmailSender;
  /** HMAC-SHA256 key for codes, >= 32 bytes. */
  codeKey: Buffer;
  now: () => Date;
  members: MemberDirectory;
  limits: CodeLimits;
  /** The per-IP budget of each route family (RATE_LIMITS unless overridden). */
  rateLimits: RouteBudgets;
  /** Emails being sent in the background; awaited on close. */
  outbox: Set<Promise<void>>;
  log: FastifyBaseLogger;
  /** Signs access and session tokens (ES256) and serves the JWKS. */
  tokens: TokenService;
  /**
   * The public origin without trailing slash: MCP resources are `<origin>/s/<slug>/mcp`, the
   * control API (member sessions' `aud`) `<origin>/api/v1`.
   */
  publicOrigin: string;
  /** How organizations sign up (PORTICO_SIGNUP): `email` unless configured. */
  signup: SignupOptions;
}

export { type BuildAppDeps, buildApp, newRequestId } from './app.js';
export { type ResolvedAudience, resolveAudience, WireAudience } from './audience.js';
export { codeHmac, MIN_CODE_KEY_BYTES, newCode, sameHmac } from './codes.js';
export { type AuthConfig, parseAuthConfig } from './config.js';
export {
  CODE_TTL_SECONDS,
  type CodeLimits,
  DEFAULT_CODE_LIMITS,
  type Deps,
  type VerbArgs,
  type VerbContext,
} from './context.js';
export { codeMessage, escapeHtml } from './email/code-message.js';
export type { EmailSender, OutgoingEmail } from './email/sender.js';
export { type SesSenderOptions, sesEmailSender } from './email/ses.js';
export { loggerOptions, REDACT_PATHS } from './logging.js';
export { type MemberDirectory, storeMembers } from './members.js';
export type { CimdOptions } from './oauth/cimd/resolver.js';
export { type AuthOptions, authService, createDeps } from './plugin.js';
export {
  familyLimit,
  RATE_LIMITS,
  type RouteBudgetOverrides,
  type RouteFamily,
  type RouteLimit,
  rateLimitTable,
} from './rate-limit.js';
export {
  SIGNUP_MODES,
  SIGNUP_TOKEN_HEADER,
  type SignupMode,
  type SignupOptions,
} from './signup.js';
export {
  type RequestCodeInput,
  type RequestCodeResult,
  requestCode,
} from './verbs/codes/request.js';
export {
  type VerifiedAudience,
  type VerifyCodeInput,
  type VerifyCodeResult,
  verifyCode,
} from './verbs/codes/verify.js';
export type { SessionMember, SessionResult } from './verbs/sessions/tokens.js';

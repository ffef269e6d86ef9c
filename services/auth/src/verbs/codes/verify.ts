import { type ErrorCode, PorticoError } from '@portico/contracts';
import { audienceId, type CodeFailureReason, normalizeEmail } from '@portico/store';
import { resolveAudience, type WireAudience } from '../../audience.js';
import { codeHmac, sameHmac } from '../../codes.js';
import type { Deps, VerbArgs } from '../../context.js';

export interface VerifyCodeInput {
  email: string;
  audience: WireAudience;
  /** Six digits. */
  code: string;
}

/** The audience a verified code signed in to, with ids, for the OAuth and session layers. */
export type VerifiedAudience =
  | { kind: 'member'; orgId: string }
  | { kind: 'enduser'; orgId: string; serverId: string; serverSlug: string };

export interface VerifyCodeResult {
  verified: true;
  /** Normalized address: proven to be controlled by the caller. */
  email: string;
  audience: VerifiedAudience;
}

/**
 * The error code per failure. Wrong, unknown and used codes share OTP_INVALID so the answer
 * tells an attacker nothing beyond "no".
 */
const FAILURES: Record<CodeFailureReason, { code: ErrorCode; message: string }> = {
  wrong_code: { code: 'OTP_INVALID', message: 'invalid code' },
  no_code: { code: 'OTP_INVALID', message: 'invalid code' },
  already_used: { code: 'OTP_INVALID', message: 'invalid code' },
  expired: { code: 'OTP_EXPIRED', message: 'code expired, request a new one' },
  too_many_attempts: {
    code: 'TOO_MANY_ATTEMPTS',
    message: 'too many attempts, request a new code',
  },
};

/**
 * Verifies an email code (OWASP ASVS 5.0 V6.6.2/V6.6.3): single use, 10 minutes, 5 attempts,
 * HMAC compared in constant time, bound to the audience and address. On success records the end
 * user's sign-in (end-user audiences) and a `code_verified` event; every failure records a
 * `code_failed` event with its reason. Exported for the OAuth layer, which calls it from the
 * authorize page.
 *
 * Errors: OTP_INVALID (wrong, unknown, already used, or a member code of a non-member),
 * OTP_EXPIRED, TOO_MANY_ATTEMPTS.
 */
export async function verifyCode(
  deps: Deps,
  { ctx, input }: VerbArgs<VerifyCodeInput>,
): Promise<VerifyCodeResult> {
  const now = deps.now();
  const email = normalizeEmail(input.email);
  const resolved = await resolveAudience(deps, input.audience);
  if (!resolved) throw codeFailure('no_code');
  const { audience } = resolved;
  const expected = codeHmac(deps.codeKey, audienceId(audience), email, input.code);
  const result = await deps.store.emailCodes.verify(audience, email, {
    now,
    matches: (stored) => sameHmac(stored, expected),
  });
  // A member code is only ever mailed to members, but membership may have ended since.
  const reason: CodeFailureReason | undefined = !result.ok
    ? result.reason
    : audience.kind === 'member' && !(await deps.members.isMember(audience.orgId, email))
      ? 'no_code'
      : undefined;

  const event = {
    at: now,
    email,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
    ...(audience.kind === 'enduser' ? { serverId: audience.serverId } : {}),
  };
  if (reason) {
    await deps.store.authEvents.record(audience.orgId, { ...event, type: 'code_failed', reason });
    throw codeFailure(reason);
  }
  if (audience.kind === 'enduser') {
    await deps.store.endUsers.recordLogin(audience.orgId, audience.serverId, email, now);
  }
  await deps.store.authEvents.record(audience.orgId, { ...event, type: 'code_verified' });
  return {
    verified: true,
    email,
    audience:
      audience.kind === 'member'
        ? { kind: 'member', orgId: audience.orgId }
        : { ...audience, serverSlug: resolved.serverSlug ?? '' },
  };
}

/** The error answered for a failed verification (OTP_INVALID, OTP_EXPIRED, TOO_MANY_ATTEMPTS). */
export function codeFailure(reason: CodeFailureReason): PorticoError {
  const { code, message } = FAILURES[reason];
  return new PorticoError(code, message);
}

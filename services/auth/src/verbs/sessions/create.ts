import { PorticoError } from '@portico/contracts';
import { emailHash } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { verifyCode } from '../codes/verify.js';
import { type SessionResult, startSession } from './tokens.js';

export interface CreateSessionInput {
  orgId: string;
  email: string;
  /** The six digits mailed by `POST /auth/codes` with `audience: { kind: 'member', orgId }`. */
  code: string;
}

/**
 * Signs an org member in (issue 4 item 7): verifies the email code with verifyCode (single use,
 * 10 minutes, 5 attempts, members only), records the member's login, and answers a session token
 * (see sessionResult) with the first refresh token of a new member family (rotated on every
 * refresh; reuse revokes the family). Records `session_issued`.
 *
 * Errors: OTP_INVALID (wrong, unknown or used code, unknown org, not a member), OTP_EXPIRED,
 * TOO_MANY_ATTEMPTS (all from verifyCode).
 */
export async function createSession(
  deps: Deps,
  { ctx, input }: VerbArgs<CreateSessionInput>,
): Promise<SessionResult> {
  const verified = await verifyCode(deps, {
    ctx,
    input: {
      email: input.email,
      audience: { kind: 'member', orgId: input.orgId },
      code: input.code,
    },
  });
  const { orgId } = verified.audience;
  const now = deps.now();
  const member = await deps.store.members.recordLogin(orgId, emailHash(verified.email), now);
  // Removed between the membership check and now.
  if (!member) throw new PorticoError('OTP_INVALID', 'invalid code');
  return startSession(deps, ctx, member, now);
}

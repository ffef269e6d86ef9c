import { type ApiKeyRecord, normalizeEmail, type OrgRecord } from '@portico/store';
import { mintApiKey } from '@portico/tokens';
import { codeHmac, sameHmac } from '../../codes.js';
import type { Deps, VerbArgs } from '../../context.js';
import { requireSignupToken } from '../../signup.js';
import { codeFailure } from '../codes/verify.js';
import { type SessionResult, startSession } from '../sessions/tokens.js';

export interface VerifySignupInput {
  email: string;
  /** The six digits mailed by requestSignup. */
  code: string;
  /** The new organization's name. */
  name: string;
  /** When true, the answer also carries the org's first API key (shown once). */
  apiKey?: boolean;
  /** Value of `x-portico-signup-token`, if sent. */
  signupToken?: string;
}

export interface VerifySignupResult {
  org: OrgRecord;
  /** A member session of the first admin (the address just proven). */
  session: SessionResult;
  apiKey?: { record: ApiKeyRecord; key: string };
}

/**
 * Step 2 of an organization's sign-up: verifies the code of requestSignup (single use: of N
 * concurrent verifications of one code at most one succeeds, so one code creates at most one
 * org), then creates the org with `email` as its first `admin` member and starts their member
 * session; with `apiKey: true` also an org-wide API key named `default`. Records `code_verified`
 * and `session_issued` in the new org.
 *
 * Errors: UNAUTHENTICATED (mode `token` without the right sign-up token); OTP_INVALID (wrong,
 * unknown or used code), OTP_EXPIRED, TOO_MANY_ATTEMPTS.
 */
export async function verifySignup(
  deps: Deps,
  { ctx, input }: VerbArgs<VerifySignupInput>,
): Promise<VerifySignupResult> {
  requireSignupToken(deps.signup, input.signupToken);
  const now = deps.now();
  const email = normalizeEmail(input.email);
  const expected = codeHmac(deps.codeKey, 'signup', email, input.code);
  const result = await deps.store.emailCodes.verify({ kind: 'signup' }, email, {
    now,
    matches: (stored) => sameHmac(stored, expected),
  });
  if (!result.ok) throw codeFailure(result.reason);

  const org = await deps.store.orgs.create({ name: input.name, email });
  const member = await deps.store.members.add(org.orgId, { email, role: 'admin', now });
  await deps.store.authEvents.record(org.orgId, {
    type: 'code_verified',
    at: now,
    email,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
  });
  const session = await startSession(deps, ctx, member, now);
  if (!input.apiKey) return { org, session };
  const { key, hash, hint } = mintApiKey();
  const record = await deps.store.apiKeys.create(org.orgId, { name: 'default', hash, hint });
  return { org, session, apiKey: { record, key } };
}

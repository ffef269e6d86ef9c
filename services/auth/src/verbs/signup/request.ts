import { normalizeEmail } from '@portico/store';
import { codeHmac, newCode } from '../../codes.js';
import { CODE_TTL_SECONDS, type Deps, type VerbArgs } from '../../context.js';
import { codeMessage } from '../../email/code-message.js';
import { requireSignupToken } from '../../signup.js';
import { dispatch, sendRefused, takeSend } from '../codes/request.js';

/** What the sign-up email names: there is no org yet. */
export const SIGNUP_NAME = 'a new Portico organization';

export interface RequestSignupInput {
  email: string;
  /** Value of `x-portico-signup-token`, if sent. */
  signupToken?: string;
}

export interface RequestSignupResult {
  sent: true;
  expiresInSeconds: number;
}

/**
 * Step 1 of an organization's sign-up: mails a code to `email` (OWASP ASVS 5.0 V6.6, the same
 * machinery as sign-in: 6 digits from the CSPRNG, stored only as an HMAC bound to the audience
 * `signup` and the address, 10 minutes, single use, 5 attempts; a new code replaces the old).
 * The send counts against the address's limit shared with every sign-in (3 per 10 minutes).
 * Nothing is created until the code is verified (verifySignup).
 *
 * Errors: UNAUTHENTICATED (mode `token` without the right sign-up token); RATE_LIMITED (the
 * address's sends are used up; `retryAfterSeconds`).
 */
export async function requestSignup(
  deps: Deps,
  { ctx, input }: VerbArgs<RequestSignupInput>,
): Promise<RequestSignupResult> {
  requireSignupToken(deps.signup, input.signupToken);
  const now = deps.now();
  const email = normalizeEmail(input.email);
  const limit = await takeSend(deps, email, now);
  if (!limit.allowed) throw sendRefused(limit);
  const code = newCode();
  const audience = { kind: 'signup' } as const;
  await deps.store.emailCodes.put(audience, {
    email,
    codeHmac: codeHmac(deps.codeKey, 'signup', email, code),
    now,
    ttlSeconds: CODE_TTL_SECONDS,
  });
  const message = codeMessage({
    to: email,
    code,
    name: SIGNUP_NAME,
    expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
    ttlMinutes: CODE_TTL_SECONDS / 60,
  });
  dispatch(deps, ctx.requestId, () => deps.email.send(message));
  return { sent: true, expiresInSeconds: CODE_TTL_SECONDS };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { PorticoError } from '@portico/contracts';

/**
 * How organizations are signed up (`PORTICO_SIGNUP`):
 * - `email` (default): `POST /auth/signup` mails a 10-minute code, `POST /auth/signup/verify`
 *   creates the org with that address as its first admin;
 * - `token`: the same, and both steps also need the operator's sign-up token
 *   (`x-portico-signup-token`);
 * - `open`: the control API's unverified `POST /api/v1/orgs` is on as well (local stack, tests).
 */
export const SIGNUP_MODES = ['email', 'token', 'open'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** The sign-up settings of a deployment; `token` is required with mode `token`. */
export interface SignupOptions {
  mode: SignupMode;
  token?: string;
}

/** The header that carries the operator's sign-up token. */
export const SIGNUP_TOKEN_HEADER = 'x-portico-signup-token';

/** Throws a plain Error (a configuration bug, stops boot) when mode `token` has no token. */
export function checkSignupOptions(opts: SignupOptions): SignupOptions {
  if (opts.mode === 'token' && !opts.token) {
    throw new Error('signup mode token needs a sign-up token (PORTICO_SIGNUP_TOKEN)');
  }
  return opts;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison is constant-time.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * In mode `token`, refuses a request without the operator's sign-up token (UNAUTHENTICATED,
 * 401); other modes need none. `presented` is the header's value, if any.
 */
export function requireSignupToken(opts: SignupOptions, presented: string | undefined): void {
  if (opts.mode !== 'token' || opts.token === undefined) return;
  if (presented === undefined || !sameSecret(presented, opts.token)) {
    throw new PorticoError(
      'UNAUTHENTICATED',
      `sign-up requires a valid ${SIGNUP_TOKEN_HEADER} header`,
    );
  }
}

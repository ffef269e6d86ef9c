import { PorticoError } from '@portico/contracts';

/**
 * How organizations sign up (`PORTICO_SIGNUP`, the auth service's `SignupMode`): only mode
 * `open` turns on this API's unverified `POST /api/v1/orgs`; `email` (the default) and `token`
 * sign up through the auth service (`POST /auth/signup`, then `POST /auth/signup/verify`), where
 * the address is proven before an org exists.
 */
export type ControlApiSignupMode = 'email' | 'token' | 'open';

/** Refuses the unverified sign-up (FORBIDDEN, 403) unless the mode is `open`. */
export function requireOpenSignup(mode: ControlApiSignupMode): void {
  if (mode === 'open') return;
  throw new PorticoError(
    'FORBIDDEN',
    'sign-up is by email on this deployment: POST /auth/signup, then POST /auth/signup/verify',
  );
}

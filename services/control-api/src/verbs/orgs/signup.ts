import { createHash, timingSafeEqual } from 'node:crypto';
import { PorticoError } from '@portico/contracts';
import type { OrgRecord } from '@portico/store';
import type { Deps } from '../../context.js';
import { type CreatedApiKey, mintOrgApiKey } from '../api-keys/create.js';
import { requireOpenSignup } from './signup-mode.js';

export interface SignupInput {
  name: string;
  email?: string;
  /** Value of `x-portico-signup-token`, if sent. */
  signupToken?: string;
}

export interface SignupOutput {
  org: OrgRecord;
  apiKey: CreatedApiKey;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison is constant-time.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Creates an organization, its first API key (org-wide, named "default"; returned once) and, when
 * a contact `email` is given, its first member: that address as `admin`, so they can sign in with
 * an email code. Only in sign-up mode `open` (the address is not verified: the local stack and
 * tests); when the deployment also sets a signup token, the caller must present it.
 * Errors: FORBIDDEN (mode `email` or `token`: sign up through the auth service),
 * UNAUTHENTICATED (signup token missing or wrong).
 */
export async function signup(
  deps: Deps,
  { input }: { ctx: { requestId: string }; input: SignupInput },
): Promise<SignupOutput> {
  requireOpenSignup(deps.signup);
  if (deps.signupToken !== undefined) {
    if (input.signupToken === undefined || !sameSecret(input.signupToken, deps.signupToken)) {
      throw new PorticoError('UNAUTHENTICATED', 'signup requires a valid x-portico-signup-token');
    }
  }
  const org = await deps.store.orgs.create({
    name: input.name,
    ...(input.email ? { email: input.email } : {}),
  });
  if (input.email) {
    await deps.store.members.add(org.orgId, {
      email: input.email,
      role: 'admin',
      now: new Date(org.createdAt),
    });
  }
  const apiKey = await mintOrgApiKey(deps, org.orgId, { name: 'default' });
  return { org, apiKey };
}

import { PorticoError } from '@portico/contracts';
import { normalizeEmail } from '@portico/store';
import type { VerbArgs } from '../../../context.js';
import type { OAuthDeps } from '../../../oauth/context.js';
import { type FlowState, openFlow, sealFlow } from '../../../oauth/flow.js';
import { requestCode } from '../../codes/request.js';
import { verifyCode } from '../../codes/verify.js';
import { decideConsent } from './consent.js';
import type { AuthorizeOutcome } from './outcome.js';

/** One posted step of the authorize page: the sealed flow and what its form carries. */
export interface AuthorizeStepInput {
  /** The sealed flow state (hidden field). */
  flow?: string;
  /** Step `email`: the address to mail a code to. */
  email?: string;
  /** Step `code`: the 6-digit code. */
  code?: string;
  /** Step `consent`: the button pressed (`approve`; anything else denies). */
  decision?: string;
}

/**
 * The authorize page's state machine (OAuth 2.1 section 4.1.1): the sealed flow's step says what
 * the form carries. `email` mails a code (requestCode) and moves to `code`; `code` verifies it
 * (verifyCode) and moves to `consent` (a dead code goes back to `email`); `consent` is single use
 * (decideConsent) and redirects with `code` or `access_denied`. An expired or forged flow, a
 * replayed consent or a vanished server is an error page. Throws only unexpected errors.
 */
export async function continueAuthorization(
  deps: OAuthDeps,
  { ctx, input }: VerbArgs<AuthorizeStepInput>,
): Promise<AuthorizeOutcome> {
  const now = deps.now();
  const flow = openFlow(deps.flowKey, input.flow, now);
  if (!flow) {
    return {
      kind: 'error',
      status: 400,
      message: 'This sign-in has expired or is invalid. Start again from your app.',
    };
  }
  const sent = input.flow ?? '';
  const audience = { kind: 'enduser', serverSlug: flow.serverSlug } as const;
  const next = (f: FlowState): string => sealFlow(deps.flowKey, { ...f, exp: flow.exp }, now);

  if (flow.step === 'email') {
    const email = (input.email ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
      return {
        kind: 'email',
        status: 400,
        flow,
        sealed: sent,
        notice: 'Enter a valid email address.',
      };
    }
    try {
      await requestCode(deps, { ctx, input: { email, audience } });
    } catch (err) {
      if (!(err instanceof PorticoError)) throw err;
      return {
        kind: 'email',
        status: err.code === 'RATE_LIMITED' ? 429 : 400,
        flow,
        sealed: sent,
        notice: 'Too many codes were requested. Try again later.',
      };
    }
    const f: FlowState = { ...flow, step: 'code', email: normalizeEmail(email) };
    return { kind: 'code', status: 200, flow: f, sealed: next(f) };
  }

  if (flow.step === 'code') {
    const code = (input.code ?? '').trim();
    try {
      if (!/^\d{6}$/.test(code)) throw new PorticoError('OTP_INVALID', 'invalid code');
      const verified = await verifyCode(deps, {
        ctx,
        input: { email: flow.email ?? '', audience, code },
      });
      const f: FlowState = { ...flow, step: 'consent', email: verified.email };
      return { kind: 'consent', status: 200, flow: f, sealed: next(f) };
    } catch (err) {
      if (!(err instanceof PorticoError)) throw err;
      if (err.code === 'OTP_INVALID') {
        return {
          kind: 'code',
          status: 400,
          flow,
          sealed: sent,
          notice: 'That code is not right. Check it and try again.',
        };
      }
      const f: FlowState = { ...flow, step: 'email' };
      return {
        kind: 'email',
        status: 400,
        flow: f,
        sealed: next(f),
        notice: 'That code can no longer be used. Request a new one.',
      };
    }
  }

  const result = await decideConsent(deps, {
    ctx,
    input: { flow, decision: input.decision === 'approve' ? 'approve' : 'deny' },
  });
  if (result.kind === 'redirect') {
    return { kind: 'redirect', redirectUri: flow.redirectUri, params: result.params };
  }
  return {
    kind: 'error',
    status: 400,
    message:
      result.reason === 'replayed'
        ? 'This sign-in was already completed. Start again from your app.'
        : 'This server no longer exists.',
  };
}

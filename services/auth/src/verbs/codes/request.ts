import { PorticoError } from '@portico/contracts';
import { audienceId, emailHash, normalizeEmail, type RateLimitDecision } from '@portico/store';
import { mayReceiveCode, resolveAudience, type WireAudience } from '../../audience.js';
import { codeHmac, newCode } from '../../codes.js';
import { CODE_TTL_SECONDS, type Deps, type VerbArgs } from '../../context.js';
import { codeMessage } from '../../email/code-message.js';

export interface RequestCodeInput {
  email: string;
  audience: WireAudience;
}

/** The answer for every accepted request, whoever the address belongs to. */
export interface RequestCodeResult {
  sent: true;
  expiresInSeconds: number;
}

/**
 * Issues an email code (OWASP ASVS 5.0 V6.5/V6.6; docs/architecture.md section 4, "Email codes"): 6
 * digits from the CSPRNG, stored only as an HMAC bound to audience and address, valid 10 minutes,
 * replacing the address's previous code for that audience, mailed with the name of what it signs in
 * to.
 *
 * Known and unknown addresses get the same answer and the same store work (the code is stored
 * either way; it is mailed only to members, or to anyone for end users), and the email is sent in
 * the background, so neither the body nor the timing tells whether an address is a member.
 * Unknown org ids or server slugs are answered the same way too, without storing anything.
 *
 * Errors: RATE_LIMITED when the address already had `limits.sendsPerEmail` sends in the sliding
 * window (counted per address across all orgs and servers, for known and unknown alike).
 */
export async function requestCode(
  deps: Deps,
  { ctx, input }: VerbArgs<RequestCodeInput>,
): Promise<RequestCodeResult> {
  const now = deps.now();
  const email = normalizeEmail(input.email);
  const resolved = await resolveAudience(deps, input.audience);
  const deliver = resolved ? await mayReceiveCode(deps, resolved, email) : false;
  const event = {
    at: now,
    email,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
    ...(resolved?.audience.kind === 'enduser' ? { serverId: resolved.audience.serverId } : {}),
  };

  const limit = await takeSend(deps, email, now);
  if (!limit.allowed) {
    if (resolved) {
      await deps.store.authEvents.record(resolved.audience.orgId, {
        ...event,
        type: 'code_requested',
        reason: 'rate_limited',
      });
    }
    throw sendRefused(limit);
  }

  if (resolved) {
    const code = newCode();
    const hmac = codeHmac(deps.codeKey, audienceId(resolved.audience), email, code);
    await deps.store.emailCodes.put(resolved.audience, {
      email,
      codeHmac: hmac,
      now,
      ttlSeconds: CODE_TTL_SECONDS,
    });
    await deps.store.authEvents.record(resolved.audience.orgId, {
      ...event,
      type: 'code_requested',
      ...(deliver ? {} : { reason: 'not_a_member' }),
    });
    if (deliver) {
      const message = codeMessage({
        to: email,
        code,
        name: resolved.name,
        expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
        ttlMinutes: CODE_TTL_SECONDS / 60,
      });
      dispatch(deps, ctx.requestId, () => deps.email.send(message));
    }
  }
  return { sent: true, expiresInSeconds: CODE_TTL_SECONDS };
}

/**
 * Counts one code sent to `email` (normalized) in its per-address bucket `email:<emailHash>`:
 * `limits.sendsPerEmail` per sliding `limits.windowMs`, shared by every sign-in audience and
 * sign-up, since the limit protects the mailbox owner.
 */
export function takeSend(deps: Deps, email: string, now: Date): Promise<RateLimitDecision> {
  return deps.store.rateLimits.take(`email:${emailHash(email)}`, {
    limit: deps.limits.sendsPerEmail,
    windowMs: deps.limits.windowMs,
    now,
  });
}

/** RATE_LIMITED (429) with `retryAfterSeconds` (the Retry-After header) for a refused send. */
export function sendRefused(limit: RateLimitDecision): PorticoError {
  return new PorticoError('RATE_LIMITED', 'too many codes requested, try again later', {
    retryAfterSeconds: Math.ceil(limit.retryAfterMs / 1000),
  });
}

/**
 * Sends in the background so the response time does not depend on whether mail goes out.
 * Failures are logged by error name only: SES messages can contain the address. The send is
 * awaited on close (deps.outbox).
 */
export function dispatch(deps: Deps, requestId: string, send: () => Promise<void>): void {
  const job: Promise<void> = send()
    .catch((err: unknown) => {
      deps.log.error(
        { requestId, errName: err instanceof Error ? err.name : typeof err },
        'sending the code email failed',
      );
    })
    .finally(() => deps.outbox.delete(job));
  deps.outbox.add(job);
}

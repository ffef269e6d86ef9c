import type { MemberRecord } from '@portico/store';
import { controlApiAudience, mintRefreshToken, TOKEN_TYPES } from '@portico/tokens';
import type { Deps, VerbContext } from '../../context.js';

/** Session access token lifetime, seconds: at most 15 minutes, so a leaked token is short-lived. */
export const SESSION_ACCESS_SECONDS = 600;
/** Session refresh token lifetime, seconds; each rotation starts a new one (idle timeout). */
export const SESSION_REFRESH_SECONDS = 7 * 24 * 60 * 60;
/** A session family's absolute lifetime, seconds: after it, the member signs in again. */
export const SESSION_MAX_SECONDS = 30 * 24 * 60 * 60;

/** The member a session belongs to, as answered to the dashboard and CLI. */
export interface SessionMember {
  memberId: string;
  orgId: string;
  email: string;
  role: MemberRecord['role'];
}

/** A session pair (RFC 6749 section 5.1 shape) and the member it is for. */
export interface SessionResult {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  refresh_token: string;
  member: SessionMember;
}

/**
 * Signs a member's session token: header `typ` `portico-session+jwt`, `aud` =
 * controlApiAudience(publicOrigin) (`<origin>/api/v1`, what the control API verifies), `sub` =
 * memberId, `org_id`, 10 minutes. The role is not a claim: it can change within those minutes,
 * so the control API reads it from the member record.
 */
export async function sessionResult(
  deps: Deps,
  member: MemberRecord,
  refreshToken: string,
): Promise<SessionResult> {
  const accessToken = await deps.tokens.sign({
    typ: TOKEN_TYPES.session,
    sub: member.memberId,
    aud: controlApiAudience(deps.publicOrigin),
    orgId: member.orgId,
    lifetimeSeconds: SESSION_ACCESS_SECONDS,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: SESSION_ACCESS_SECONDS,
    refresh_token: refreshToken,
    member: {
      memberId: member.memberId,
      orgId: member.orgId,
      email: member.email,
      role: member.role,
    },
  };
}

/** Auth event fields for a member session: the member by id, no server. */
export function sessionEvent(ctx: VerbContext, memberId: string, at: Date) {
  return {
    at,
    subject: memberId,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
  };
}

/**
 * Starts a session of `member`: the first refresh token of a new member family (7 days, 30 days
 * per family), a `session_issued` event, and the session pair (sessionResult).
 */
export async function startSession(
  deps: Deps,
  ctx: VerbContext,
  member: MemberRecord,
  now: Date,
): Promise<SessionResult> {
  const refresh = mintRefreshToken();
  await deps.store.refreshTokens.issue(
    { kind: 'member', tokenHash: refresh.hash, orgId: member.orgId, sub: member.memberId },
    { now, ttlSeconds: SESSION_REFRESH_SECONDS, maxLifetimeSeconds: SESSION_MAX_SECONDS },
  );
  await deps.store.authEvents.record(member.orgId, {
    ...sessionEvent(ctx, member.memberId, now),
    type: 'session_issued',
  });
  return sessionResult(deps, member, refresh.token);
}

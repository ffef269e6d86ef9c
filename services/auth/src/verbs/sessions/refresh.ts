import { PorticoError } from '@portico/contracts';
import { hashRefreshToken, isWellFormedRefreshToken, mintRefreshToken } from '@portico/tokens';
import type { Deps, VerbArgs } from '../../context.js';
import {
  SESSION_REFRESH_SECONDS,
  type SessionResult,
  sessionEvent,
  sessionResult,
} from './tokens.js';

export interface RefreshSessionInput {
  refresh_token: string;
}

/**
 * Rotates a member session (OAuth 2.1 section 4.3.1 rules applied to sessions): the current
 * refresh token of a live member family buys a new pair; presenting a rotated one revokes the
 * family (RFC 9700 section 4.14.2) and records `refresh_reuse_detected`. A member removed from the
 * org loses the session at once (family revoked). Records `session_refreshed`.
 *
 * Errors: UNAUTHENTICATED for malformed, unknown, expired, revoked or reused tokens, end-user
 * tokens, and removed members (one message, so the answer tells nothing more).
 */
export async function refreshSession(
  deps: Deps,
  { ctx, input }: VerbArgs<RefreshSessionInput>,
): Promise<SessionResult> {
  const invalid = new PorticoError('UNAUTHENTICATED', 'invalid or expired session');
  if (!isWellFormedRefreshToken(input.refresh_token)) throw invalid;
  const hash = hashRefreshToken(input.refresh_token);
  const found = await deps.store.refreshTokens.get(hash);
  if (found?.kind !== 'member') throw invalid;
  const now = deps.now();
  const member = await deps.store.members.get(found.orgId, found.sub);
  if (!member) {
    await deps.store.refreshTokens.revokeFamily(found.familyId, { now, reason: 'member_removed' });
    throw invalid;
  }
  const next = mintRefreshToken();
  const use = await deps.store.refreshTokens.use(hash, next.hash, {
    now,
    ttlSeconds: SESSION_REFRESH_SECONDS,
  });
  if (!use.ok) {
    if (use.reason === 'reused') {
      await deps.store.refreshTokens.revokeFamily(found.familyId, { now, reason: 'reuse' });
      await deps.store.authEvents.record(found.orgId, {
        ...sessionEvent(ctx, found.sub, now),
        type: 'refresh_reuse_detected',
      });
    }
    throw invalid;
  }
  await deps.store.authEvents.record(found.orgId, {
    ...sessionEvent(ctx, found.sub, now),
    type: 'session_refreshed',
  });
  return sessionResult(deps, member, next.token);
}

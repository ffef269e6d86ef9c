import { hashRefreshToken, isWellFormedRefreshToken } from '@portico/tokens';
import type { Deps, VerbArgs } from '../../context.js';
import { sessionEvent } from './tokens.js';

export interface RevokeSessionInput {
  refresh_token: string;
}

/**
 * Signs a member out (RFC 7009 section 2 semantics): the refresh token's family is revoked, so
 * neither it nor any rotation of it works again; its access tokens expire within 10 minutes.
 * Unknown, malformed and end-user tokens are ignored the same way (section 2.2: the answer does
 * not depend on the token). Records `session_revoked` when a family was revoked. Never throws
 * for a bad token.
 */
export async function revokeSession(
  deps: Deps,
  { ctx, input }: VerbArgs<RevokeSessionInput>,
): Promise<void> {
  if (!isWellFormedRefreshToken(input.refresh_token)) return;
  const found = await deps.store.refreshTokens.get(hashRefreshToken(input.refresh_token));
  if (found?.kind !== 'member') return;
  const now = deps.now();
  const revoked = await deps.store.refreshTokens.revokeFamily(found.familyId, {
    now,
    reason: 'signed_out',
  });
  if (revoked) {
    await deps.store.authEvents.record(found.orgId, {
      ...sessionEvent(ctx, found.sub, now),
      type: 'session_revoked',
    });
  }
}

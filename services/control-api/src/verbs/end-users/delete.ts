import type { Deps, VerbArgs } from '../../context.js';
import { findEndUser } from './find.js';

/**
 * Deletes an end user of a server: revokes every refresh-token family of theirs at that server
 * (`refreshTokens.revokeSubject({ orgId, serverId, sub: endUserId })`, so `POST /auth/token`
 * refuses their refresh tokens), then deletes the record. Their access tokens (at most 15 min)
 * are refused by the gateway once its activity check finds the record gone (at most a minute).
 * Tokens are revoked first, so a failure in between leaves a record without tokens (retry),
 * never live tokens without a record. The next sign-in creates a new record.
 * Errors: NOT_FOUND (server or end user).
 */
export async function deleteEndUser(
  deps: Deps,
  args: VerbArgs<{ slug: string; endUserId: string }>,
): Promise<void> {
  const { ctx } = args;
  const { server, endUser } = await findEndUser(deps, args);
  await deps.store.refreshTokens.revokeSubject(
    { orgId: ctx.orgId, serverId: server.serverId, sub: endUser.endUserId },
    { now: new Date(), reason: 'end_user_deleted' },
  );
  await deps.store.endUsers.delete(ctx.orgId, server.serverId, endUser.endUserId);
}

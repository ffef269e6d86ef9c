import type { Deps, VerbArgs } from '../../context.js';
import { findMember } from './find.js';

/**
 * Removes a member, then revokes every session refresh-token family of theirs
 * (`refreshTokens.revokeSubject({ orgId, sub: memberId })`). The record goes first: the store
 * refuses removing the last admin atomically, before anything else changed. Their access tokens
 * stop working at once (every control API request reads the member), and so do their refresh
 * tokens (the session refresh reads the member too), so a failure between the two steps leaves
 * only families nothing accepts.
 * Errors: NOT_FOUND (no such member), CONFLICT (409: the last admin, or a member changing
 * concurrently).
 */
export async function removeMember(
  deps: Deps,
  { ctx, input }: VerbArgs<{ memberId: string }>,
): Promise<void> {
  const member = await findMember(deps, ctx, input.memberId);
  await deps.store.members.remove(ctx.orgId, member.memberId);
  await deps.store.refreshTokens.revokeSubject(
    { orgId: ctx.orgId, sub: member.memberId },
    { now: new Date(), reason: 'member_removed' },
  );
}

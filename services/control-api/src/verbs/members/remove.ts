import type { Deps, VerbArgs } from '../../context.js';
import { assertAnotherAdmin, findMember } from './find.js';

/**
 * Removes a member and revokes every session refresh-token family of theirs
 * (`refreshTokens.revokeSubject({ orgId, sub: memberId })`); their access tokens stop working at
 * once too, since every request reads the member. Sessions are revoked first, so a failure in
 * between leaves a member without sessions (retry the delete), never sessions without a member.
 * Errors: NOT_FOUND (no such member), CONFLICT (409: the last admin).
 */
export async function removeMember(
  deps: Deps,
  { ctx, input }: VerbArgs<{ memberId: string }>,
): Promise<void> {
  const member = await findMember(deps, ctx, input.memberId);
  await assertAnotherAdmin(deps, ctx, member, 'remove');
  await deps.store.refreshTokens.revokeSubject(
    { orgId: ctx.orgId, sub: member.memberId },
    { now: new Date(), reason: 'member_removed' },
  );
  await deps.store.members.remove(ctx.orgId, member.memberId);
}

import { PorticoError } from '@portico/contracts';
import { isEmailHash, type MemberRecord } from '@portico/store';
import type { Deps, VerbContext } from '../../context.js';

/** The caller's org's member with this id. Errors: NOT_FOUND (malformed id, or no such member). */
export async function findMember(
  deps: Deps,
  ctx: VerbContext,
  memberId: string,
): Promise<MemberRecord> {
  const member = isEmailHash(memberId)
    ? await deps.store.members.get(ctx.orgId, memberId)
    : undefined;
  if (!member) throw new PorticoError('NOT_FOUND', 'member not found');
  return member;
}

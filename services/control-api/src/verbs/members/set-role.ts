import { PorticoError } from '@portico/contracts';
import type { MemberRecord, MemberRole } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { findMember } from './find.js';

/**
 * Changes a member's role; it applies to their next request (roles are read per request).
 * Errors: NOT_FOUND (no such member), CONFLICT (409: demoting the last admin, refused atomically
 * by the store, or a member changing concurrently).
 */
export async function setMemberRole(
  deps: Deps,
  { ctx, input }: VerbArgs<{ memberId: string; role: MemberRole }>,
): Promise<MemberRecord> {
  const member = await findMember(deps, ctx, input.memberId);
  if (member.role === input.role) return member;
  const updated = await deps.store.members.setRole(ctx.orgId, member.memberId, input.role);
  if (!updated) throw new PorticoError('NOT_FOUND', 'member not found');
  return updated;
}

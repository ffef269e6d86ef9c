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

/**
 * Refuses a change that would leave the org without an admin member: CONFLICT (409) when
 * `member` is an admin and no other member is. Reads the members page by page (orgs have few).
 * Two concurrent changes to the last two admins can both pass (check, then write).
 */
export async function assertAnotherAdmin(
  deps: Deps,
  ctx: VerbContext,
  member: MemberRecord,
  change: string,
): Promise<void> {
  if (member.role !== 'admin') return;
  let cursor: string | undefined;
  do {
    const page = await deps.store.members.list(ctx.orgId, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.some((m) => m.role === 'admin' && m.memberId !== member.memberId)) return;
    cursor = page.cursor;
  } while (cursor);
  throw new PorticoError('CONFLICT', `cannot ${change} the last admin of the organization`);
}

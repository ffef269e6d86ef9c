import type { MemberRecord, MemberRole } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/**
 * Adds `email` to the org as a member with `role`; they can then sign in with an email code.
 * Errors: CONFLICT (409: the address is already a member).
 */
export function addMember(
  deps: Deps,
  { ctx, input }: VerbArgs<{ email: string; role: MemberRole }>,
): Promise<MemberRecord> {
  return deps.store.members.add(ctx.orgId, { ...input, now: new Date() });
}

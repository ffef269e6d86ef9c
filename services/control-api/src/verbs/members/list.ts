import type { MemberRecord, Page } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/**
 * One page of the org's members, in id order (`limit` 1..100, default 50).
 * Errors: VALIDATION_FAILED (a malformed cursor, or one of another listing).
 */
export function listMembers(
  deps: Deps,
  { ctx, input }: VerbArgs<{ limit?: number; cursor?: string }>,
): Promise<Page<MemberRecord>> {
  return deps.store.members.list(ctx.orgId, input);
}

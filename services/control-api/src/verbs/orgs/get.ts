import { PorticoError } from '@portico/contracts';
import type { OrgRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/** The caller's organization. Errors: NOT_FOUND (the org was deleted under a live key). */
export async function getOrg(
  deps: Deps,
  { ctx }: VerbArgs<Record<string, never>>,
): Promise<OrgRecord> {
  const org = await deps.store.orgs.get(ctx.orgId);
  if (!org) throw new PorticoError('NOT_FOUND', 'organization not found');
  return org;
}

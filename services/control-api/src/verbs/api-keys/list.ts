import type { ApiKeyRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/** The caller's org's API keys (hints only), revoked included, oldest first. */
export function listApiKeys(
  deps: Deps,
  { ctx }: VerbArgs<Record<string, never>>,
): Promise<ApiKeyRecord[]> {
  return deps.store.apiKeys.list(ctx.orgId);
}

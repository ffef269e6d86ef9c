import { PorticoError } from '@portico/contracts';
import { isId } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';

/** Revokes one of the org's keys (idempotent). Errors: NOT_FOUND (not a key of this org). */
export async function revokeApiKey(
  deps: Deps,
  { ctx, input }: VerbArgs<{ keyId: string }>,
): Promise<void> {
  if (!isId('apiKey', input.keyId)) throw new PorticoError('NOT_FOUND', 'API key not found');
  await deps.store.apiKeys.revoke(ctx.orgId, input.keyId);
}

import type { ApiKeyRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

export interface CreateApiKeyInput {
  name?: string;
  /** Scope the key to this server of the org (a gateway key); absent = org-wide key. */
  serverSlug?: string;
}

/**
 * Mints an API key for the caller's org; `key` is returned once and never stored.
 * Errors: NOT_FOUND (serverSlug is not a server of the org).
 */
export async function createApiKey(
  deps: Deps,
  { ctx, input }: VerbArgs<CreateApiKeyInput>,
): Promise<{ record: ApiKeyRecord; key: string }> {
  const serverId = input.serverSlug
    ? (await resolveServer(deps, ctx, input.serverSlug)).serverId
    : undefined;
  return deps.store.apiKeys.create(ctx.orgId, {
    ...(input.name ? { name: input.name } : {}),
    ...(serverId ? { serverId } : {}),
  });
}

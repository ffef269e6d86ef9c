import type { ApiKeyRecord } from '@portico/store';
import { mintApiKey } from '@portico/tokens';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

export interface CreateApiKeyInput {
  name?: string;
  /** Scope the key to this server of the org (a gateway key); absent = org-wide key. */
  serverSlug?: string;
}

/** A stored key record and the key itself, which exists only in this answer (shown once). */
export interface CreatedApiKey {
  record: ApiKeyRecord;
  key: string;
}

/**
 * Mints an API key (`ptk_` + random + checksum, mintApiKey of @portico/tokens) and has the store
 * persist its SHA-256 and hint only. Errors: NOT_FOUND (no such org, or server of the org).
 */
export async function mintOrgApiKey(
  deps: Pick<Deps, 'store'>,
  orgId: string,
  input: { name?: string; serverId?: string },
): Promise<CreatedApiKey> {
  const { key, hash, hint } = mintApiKey();
  const record = await deps.store.apiKeys.create(orgId, { ...input, hash, hint });
  return { record, key };
}

/**
 * Mints an API key for the caller's org; `key` is returned once and never stored.
 * Errors: NOT_FOUND (serverSlug is not a server of the org).
 */
export async function createApiKey(
  deps: Deps,
  { ctx, input }: VerbArgs<CreateApiKeyInput>,
): Promise<CreatedApiKey> {
  const serverId = input.serverSlug
    ? (await resolveServer(deps, ctx, input.serverSlug)).serverId
    : undefined;
  return mintOrgApiKey(deps, ctx.orgId, {
    ...(input.name ? { name: input.name } : {}),
    ...(serverId ? { serverId } : {}),
  });
}

import type { UpstreamCredential } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { type RedactedUpstream, redactUpstream } from './redact.js';

export interface PutUpstreamInput {
  slug: string;
  /** `undefined` keeps the current value, `null` clears it. */
  baseUrl?: string | null;
  credential?: UpstreamCredential | null;
}

/** Sets a server's upstream base URL and/or credential; returns it redacted. Errors: NOT_FOUND. */
export async function putUpstream(
  deps: Deps,
  { ctx, input }: VerbArgs<PutUpstreamInput>,
): Promise<RedactedUpstream> {
  const server = await resolveServer(deps, ctx, input.slug);
  const config = await deps.store.upstreams.put(ctx.orgId, server.serverId, {
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
    ...(input.credential !== undefined ? { credential: input.credential } : {}),
  });
  return redactUpstream(config);
}

import { PorticoError } from '@portico/contracts';
import { resolveBaseUrl } from '@portico/openapi-to-mcp';
import type { ServerRecord, UpstreamCredential } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { type RedactedUpstream, redactUpstream } from './redact.js';

export interface PutUpstreamInput {
  slug: string;
  /** `undefined` keeps the current value, `null` clears it. */
  baseUrl?: string | null;
  credential?: UpstreamCredential | null;
}

/**
 * Sets a server's upstream base URL and/or credential; returns it redacted. A credential is pinned
 * to one origin (the gateway sends it nowhere else): the base URL's, or, without one, the origin
 * of the active version's first server. A base URL of another origin than a kept credential's is
 * refused, so no change that leaves the credential out can carry it elsewhere.
 * Errors: NOT_FOUND; VALIDATION_FAILED (a credential with no base URL and no absolute document
 * server to pin it to); CONFLICT (a base URL of another origin than the kept credential's).
 */
export async function putUpstream(
  deps: Deps,
  { ctx, input }: VerbArgs<PutUpstreamInput>,
): Promise<RedactedUpstream> {
  const server = await resolveServer(deps, ctx, input.slug);
  const credentialOrigin = input.credential
    ? await documentOrigin(deps, server, input.baseUrl)
    : undefined;
  const config = await deps.store.upstreams.put(ctx.orgId, server.serverId, {
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
    ...(input.credential !== undefined ? { credential: input.credential } : {}),
    ...(credentialOrigin !== undefined ? { credentialOrigin } : {}),
  });
  return redactUpstream(config);
}

/**
 * Where a new credential goes when no base URL is (or stays) configured: the origin of the active
 * version's document-level server, as the gateway would choose it. Undefined when a base URL
 * decides, or when there is nothing absolute to pin to (the store then refuses the credential).
 */
async function documentOrigin(
  deps: Deps,
  server: ServerRecord,
  baseUrl: string | null | undefined,
): Promise<string | undefined> {
  if (typeof baseUrl === 'string') return undefined;
  if (baseUrl === undefined) {
    const current = await deps.store.upstreams.get(server.orgId, server.serverId);
    if (current?.baseUrl !== undefined) return undefined;
  }
  const manifest =
    server.activeVersionId === undefined
      ? undefined
      : await deps.store.specs.getManifest(server.orgId, server.serverId, server.activeVersionId);
  const chosen = resolveBaseUrl(undefined, undefined, manifest?.servers ?? []);
  const origin = chosen.ok ? chosen.origin : undefined;
  if (origin === undefined) {
    throw new PorticoError(
      'VALIDATION_FAILED',
      'a credential is pinned to the origin it is sent to: set baseUrl with it, or activate a version whose servers name an absolute URL',
    );
  }
  return origin;
}

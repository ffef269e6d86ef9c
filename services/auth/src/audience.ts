import { isId, type SignInAudience } from '@portico/store';
import { z } from 'zod';
import type { Deps } from './context.js';

/** The audience as clients name it: an org's member sign-in, or the end users of a server. */
export const WireAudience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), orgId: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal('enduser'),
    serverSlug: z.string().min(1).max(63).describe('The server of `/s/{serverSlug}/mcp`.'),
  }),
]);
export type WireAudience = z.infer<typeof WireAudience>;

/** An audience resolved to ids, with the name shown in the email. */
export interface ResolvedAudience {
  audience: SignInAudience;
  /** The server's name (end users) or the org's name (members). */
  name: string;
  /** The server's slug, for end-user audiences. */
  serverSlug?: string;
}

/**
 * Resolves a wire audience with strongly consistent reads; undefined when the org or server does
 * not exist. Unknown audiences are answered like known ones by the routes (see requestCode).
 */
export async function resolveAudience(
  deps: Deps,
  wire: WireAudience,
): Promise<ResolvedAudience | undefined> {
  if (wire.kind === 'member') {
    if (!isId('org', wire.orgId)) return undefined;
    const org = await deps.store.orgs.get(wire.orgId);
    return org ? { audience: { kind: 'member', orgId: org.orgId }, name: org.name } : undefined;
  }
  const server = await deps.store.servers.getBySlug(wire.serverSlug);
  if (!server) return undefined;
  return {
    audience: { kind: 'enduser', orgId: server.orgId, serverId: server.serverId },
    name: server.name,
    serverSlug: server.slug,
  };
}

/** True when `email` may sign in to the audience: any address for end users, members only else. */
export async function mayReceiveCode(
  deps: Deps,
  resolved: ResolvedAudience,
  email: string,
): Promise<boolean> {
  if (resolved.audience.kind === 'enduser') return true;
  return deps.members.isMember(resolved.audience.orgId, email);
}

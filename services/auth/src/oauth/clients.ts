import { isUrlClientId } from './cimd/client-id.js';
import type { OAuthDeps } from './context.js';

/** A client the authorization server will deal with, whatever registered it. */
export interface ResolvedClient {
  clientId: string;
  /** `dcr`: registered itself (RFC 7591); `org`: registered by an org for one server; `cimd`: a Client ID Metadata Document. */
  kind: 'dcr' | 'org' | 'cimd';
  /** What the page calls the client. */
  name: string;
  /** False when the name is only the client's own claim (dcr, cimd): the page says so. */
  nameVerified: boolean;
  /** CIMD: the host of the client_id URL, shown prominently (the spec's phishing mitigation). */
  host?: string;
  redirectUris: string[];
  grantTypes: string[];
  /** Org clients: the one server they may get tokens for (RFC 8707 section 2 default resource). */
  boundTo?: { orgId: string; serverId: string };
}

export type ClientResolution = { ok: true; client: ResolvedClient } | { ok: false; reason: string };

/**
 * The one way /auth/authorize and /auth/token find a client (OAuth 2.1 section 2): an https URL
 * client_id is a Client ID Metadata Document (fetched, validated and cached by `deps.cimd`),
 * anything else a registered client in the store (`cli_...`, self-registered through RFC 7591 or
 * registered by an org for one of its servers). Never throws for an unknown or unusable client:
 * the reason is safe to show on the authorize page and in `invalid_client` descriptions.
 */
export async function resolveClient(
  deps: OAuthDeps,
  clientId: string | undefined,
): Promise<ClientResolution> {
  if (!clientId) return { ok: false, reason: 'client_id is missing' };
  if (isUrlClientId(clientId)) {
    const doc = await deps.cimd.resolve(clientId);
    if (!doc.ok) return doc;
    const { client } = doc;
    return {
      ok: true,
      client: {
        clientId,
        kind: 'cimd',
        name: client.clientName ?? client.host,
        nameVerified: false,
        host: client.host,
        redirectUris: client.redirectUris,
        grantTypes: client.grantTypes,
      },
    };
  }
  const record = await deps.store.oauthClients.get(clientId);
  if (!record) return { ok: false, reason: 'unknown client_id' };
  const boundTo =
    record.source === 'org' && record.orgId && record.serverId
      ? { orgId: record.orgId, serverId: record.serverId }
      : undefined;
  return {
    ok: true,
    client: {
      clientId,
      kind: boundTo ? 'org' : 'dcr',
      name: record.clientName,
      // An org named its own client; a self-registered name is only the client's claim.
      nameVerified: boundTo !== undefined,
      redirectUris: record.redirectUris,
      grantTypes: record.grantTypes,
      ...(boundTo ? { boundTo } : {}),
    },
  };
}

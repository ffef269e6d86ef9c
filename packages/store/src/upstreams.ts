import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import { open, type SealedSecret, seal } from './crypto.js';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, getItem } from './dynamo.js';
import { keys } from './keys.js';
import type { UpstreamConfig, UpstreamCredential } from './types.js';

/** The upstream item as stored: the credential only ever sealed. */
interface StoredUpstream {
  baseUrl?: string;
  credential?: SealedSecret;
  /** The origin the credential is pinned to; absent on items written before pinning (v1). */
  credentialOrigin?: string;
  updatedAt: string;
}

/**
 * Binds a sealed credential to its tenant, server and pinned origin: AES-GCM authenticates this
 * string, so a ciphertext copied into another org's or server's item, or an item whose clear
 * `credentialOrigin` was edited, fails to open. v1 items (before pinning) carry no origin.
 */
function credentialAad(orgId: string, serverId: string, origin: string | undefined): string {
  return origin === undefined
    ? `portico:upstream-credential:v1:${orgId}:${serverId}`
    : `portico:upstream-credential:v2:${orgId}:${serverId}:${origin}`;
}

/** The WHATWG origin of an absolute URL (`https://api.example.com`), undefined if none. */
export function originOf(url: string | undefined): string | undefined {
  const parsed = url === undefined ? null : URL.parse(url);
  return parsed === null || parsed.origin === 'null' ? undefined : parsed.origin;
}

/**
 * Upstream configuration of a server (`ORG#<orgId>#SRV#<serverId>` / `UPSTREAM`): base URL override
 * and the credential the gateway sends upstream. The whole credential (type, name, value) is sealed
 * with AES-256-GCM under the KEK; nothing of it is stored in clear.
 *
 * Every credential is pinned to one origin (scheme, host, port), the gateway sends it to that
 * origin only, and no later change carries it elsewhere: a new credential is pinned to
 * `credentialOrigin` or else to the origin of the resulting base URL; a kept credential refuses a
 * base URL of another origin (CONFLICT: send the credential again to move it).
 */
export interface UpstreamStore {
  /**
   * Sets the config. For `baseUrl` and `credential`: `undefined` keeps the stored value, `null`
   * clears it. `credentialOrigin` pins a new credential when no base URL decides (the caller's
   * choice of the document's server); ignored without a new credential.
   * Throws PorticoError('NOT_FOUND') if the server does not exist; 'VALIDATION_FAILED' for a new
   * credential with no origin to pin it to, or a base URL whose origin differs from
   * `credentialOrigin`; 'CONFLICT' for a base URL of another origin than the kept credential's.
   */
  put(
    orgId: string,
    serverId: string,
    input: {
      baseUrl?: string | null;
      credential?: UpstreamCredential | null;
      credentialOrigin?: string;
    },
  ): Promise<UpstreamConfig>;
  /**
   * The decrypted config, or undefined if none was set. Throws PorticoError('INTERNAL') if the
   * credential fails to decrypt (wrong KEK, tampered or moved item).
   */
  get(orgId: string, serverId: string): Promise<UpstreamConfig | undefined>;
}

export function createUpstreamStore(ctx: StoreContext): UpstreamStore {
  const { doc, tableName, kek } = ctx;

  async function getStored(orgId: string, serverId: string): Promise<StoredUpstream | undefined> {
    return getItem<StoredUpstream>(ctx, keys.upstream(orgId, serverId));
  }

  function decrypt(orgId: string, serverId: string, stored: StoredUpstream): UpstreamConfig {
    const config: UpstreamConfig = { updatedAt: stored.updatedAt };
    if (stored.baseUrl) config.baseUrl = stored.baseUrl;
    if (stored.credential) {
      const aad = credentialAad(orgId, serverId, stored.credentialOrigin);
      config.credential = JSON.parse(open(kek, stored.credential, aad)) as UpstreamCredential;
      // A v1 credential is pinned to its base URL's origin, or to none (then never sent).
      const origin = stored.credentialOrigin ?? originOf(stored.baseUrl);
      if (origin !== undefined) config.credentialOrigin = origin;
    }
    return config;
  }

  /** The credential part of the next item, pinned: new, kept (and re-sealed if v1), or none. */
  function nextCredential(
    orgId: string,
    serverId: string,
    current: StoredUpstream | undefined,
    input: { credential?: UpstreamCredential | null; credentialOrigin?: string },
    baseUrl: string | undefined,
  ): Pick<StoredUpstream, 'credential' | 'credentialOrigin'> {
    const baseOrigin = originOf(baseUrl);
    if (input.credential) {
      const origin = baseOrigin ?? input.credentialOrigin;
      if (origin === undefined) {
        throw new PorticoError(
          'VALIDATION_FAILED',
          'a credential needs an origin: set baseUrl, or upload a version whose servers name an absolute URL',
        );
      }
      if (input.credentialOrigin !== undefined && input.credentialOrigin !== origin) {
        throw new PorticoError('VALIDATION_FAILED', 'credentialOrigin differs from the base URL');
      }
      const sealed = seal(
        kek,
        JSON.stringify(input.credential),
        credentialAad(orgId, serverId, origin),
      );
      return { credential: sealed, credentialOrigin: origin };
    }
    if (input.credential === null || !current?.credential) return {};
    const pinned = current.credentialOrigin ?? originOf(current.baseUrl);
    if (baseOrigin !== undefined && baseOrigin !== pinned) {
      throw new PorticoError(
        'CONFLICT',
        `the upstream credential is pinned to ${pinned ?? 'no origin'}; send the credential again with a base URL of another origin`,
        { credentialOrigin: pinned ?? null },
      );
    }
    if (current.credentialOrigin !== undefined || pinned === undefined) {
      return { credential: current.credential, credentialOrigin: current.credentialOrigin };
    }
    const clear = open(kek, current.credential, credentialAad(orgId, serverId, undefined));
    return {
      credential: seal(kek, clear, credentialAad(orgId, serverId, pinned)),
      credentialOrigin: pinned,
    };
  }

  return {
    async put(orgId, serverId, input) {
      // Read-modify-write: a concurrent put of the other field may be lost; the last writer wins,
      // which is acceptable for an admin setting.
      const current = await getStored(orgId, serverId);
      const next: StoredUpstream = { updatedAt: new Date().toISOString() };
      const baseUrl = (input.baseUrl === undefined ? current?.baseUrl : input.baseUrl) || undefined;
      if (baseUrl) next.baseUrl = baseUrl;
      const pinned = nextCredential(orgId, serverId, current, input, baseUrl);
      if (pinned.credential) next.credential = pinned.credential;
      if (pinned.credentialOrigin) next.credentialOrigin = pinned.credentialOrigin;
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.server(orgId, serverId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.upstream(orgId, serverId), type: 'upstream', ...next },
                },
              },
            ],
          }),
        );
      } catch (err) {
        if (cancellationCodes(err)?.[0] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'server not found');
        }
        throw err;
      }
      return decrypt(orgId, serverId, next);
    },

    async get(orgId, serverId) {
      const stored = await getStored(orgId, serverId);
      return stored ? decrypt(orgId, serverId, stored) : undefined;
    },
  };
}

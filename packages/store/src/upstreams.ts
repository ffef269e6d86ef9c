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
  updatedAt: string;
}

/**
 * Binds a sealed credential to its tenant and server: AES-GCM authenticates this string, so a
 * ciphertext copied into another org's or server's item fails to open.
 */
function credentialAad(orgId: string, serverId: string): string {
  return `portico:upstream-credential:v1:${orgId}:${serverId}`;
}

/**
 * Upstream configuration of a server (`ORG#<orgId>#SRV#<serverId>` / `UPSTREAM`): base URL override
 * and the credential the gateway sends upstream. The whole credential (type, name, value) is sealed
 * with AES-256-GCM under the KEK; nothing of it is stored in clear.
 */
export interface UpstreamStore {
  /**
   * Sets the config. For each field: `undefined` keeps the stored value, `null` clears it.
   * Throws PorticoError('NOT_FOUND') if the server does not exist.
   */
  put(
    orgId: string,
    serverId: string,
    input: { baseUrl?: string | null; credential?: UpstreamCredential | null },
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
      const json = open(kek, stored.credential, credentialAad(orgId, serverId));
      config.credential = JSON.parse(json) as UpstreamCredential;
    }
    return config;
  }

  return {
    async put(orgId, serverId, input) {
      // Read-modify-write: a concurrent put of the other field may be lost; the last writer wins,
      // which is acceptable for an admin setting.
      const current = await getStored(orgId, serverId);
      const next: StoredUpstream = { updatedAt: new Date().toISOString() };
      const baseUrl = input.baseUrl === undefined ? current?.baseUrl : input.baseUrl;
      if (baseUrl) next.baseUrl = baseUrl;
      if (input.credential) {
        next.credential = seal(
          kek,
          JSON.stringify(input.credential),
          credentialAad(orgId, serverId),
        );
      } else if (input.credential === undefined && current?.credential) {
        next.credential = current.credential;
      }
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

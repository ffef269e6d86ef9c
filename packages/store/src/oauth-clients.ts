import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';

/**
 * An OAuth client registered through dynamic client registration (RFC 7591 section 2). Public
 * clients only: `tokenEndpointAuthMethod` is always `none` (OAuth 2.1 section 2.1), so no secret
 * is ever stored.
 */
export interface OAuthClientRecord {
  /** `cli_...` */
  clientId: string;
  clientName: string;
  /** Registered redirect URIs, compared exactly (loopback ports free, RFC 8252 section 7.3). */
  redirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  tokenEndpointAuthMethod: 'none';
  scope?: string;
  /** ISO-8601. */
  createdAt: string;
}

export interface OAuthClientInput {
  clientName: string;
  redirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  scope?: string;
  now: Date;
}

/** OAuth clients at the global `CLIENT#<clientId>` / `CLIENT`. */
export interface OAuthClientStore {
  /** Stores a new client with a fresh `cli_` id. */
  create(input: OAuthClientInput): Promise<OAuthClientRecord>;
  /** The client, or undefined. */
  get(clientId: string): Promise<OAuthClientRecord | undefined>;
}

export function createOAuthClientStore(ctx: StoreContext): OAuthClientStore {
  const { doc, tableName } = ctx;
  return {
    async create(input) {
      const record: OAuthClientRecord = {
        clientId: newId('oauthClient', input.now.getTime()),
        clientName: input.clientName,
        redirectUris: input.redirectUris,
        grantTypes: input.grantTypes,
        responseTypes: input.responseTypes,
        tokenEndpointAuthMethod: 'none',
        ...(input.scope ? { scope: input.scope } : {}),
        createdAt: input.now.toISOString(),
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.oauthClient(record.clientId), type: 'oauthClient', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },

    async get(clientId) {
      if (clientId.length === 0 || clientId.length > 128) return undefined;
      const res = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.oauthClient(clientId) }),
      );
      return res.Item ? stripKeys<OAuthClientRecord>(res.Item) : undefined;
    },
  };
}

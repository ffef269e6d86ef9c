import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, getItem, queryAll, stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';

/**
 * An OAuth client (public clients only: `tokenEndpointAuthMethod` is always `none`, OAuth 2.1
 * section 2.1, so no secret is ever stored). `source` says how it came to be:
 * - `dcr`: registered by itself through dynamic client registration (RFC 7591 section 2);
 * - `org`: registered by an org for one of its servers (`orgId` + `serverId`): such a client
 *   only ever gets tokens for that server, which is also its default resource when an
 *   authorization request names none (RFC 8707 section 2).
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
  /** Absent (read as `dcr`) on clients stored before the field existed. */
  source?: 'dcr' | 'org';
  /** The org and server an `org` client is bound to. */
  orgId?: string;
  serverId?: string;
  /** ISO-8601. */
  createdAt: string;
}

export interface OAuthClientInput {
  clientName: string;
  redirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  scope?: string;
  /** Both or neither: binds the client to one server of the org (source `org`). */
  orgId?: string;
  serverId?: string;
  now: Date;
}

/**
 * OAuth clients at the global `CLIENT#<clientId>` / `CLIENT`; an org-bound client also at
 * `ORG#<orgId>#SRV#<serverId>` / `CLIENT#<clientId>` (a copy, written in the same transaction) so
 * the org can list its server's clients under its own keys.
 */
export interface OAuthClientStore {
  /**
   * Stores a new client with a fresh `cli_` id; with `orgId` + `serverId`, bound to that server.
   * Throws a plain Error when only one of them is given (a bug).
   */
  create(input: OAuthClientInput): Promise<OAuthClientRecord>;
  /** The client, or undefined. Strongly consistent. */
  get(clientId: string): Promise<OAuthClientRecord | undefined>;
  /** The clients the org registered for one server, in clientId (creation) order. */
  listForServer(orgId: string, serverId: string): Promise<OAuthClientRecord[]>;
  /**
   * Deletes a client bound to this org's server (both items, one transaction); false when there
   * is no such client of that server.
   */
  deleteForServer(orgId: string, serverId: string, clientId: string): Promise<boolean>;
}

export function createOAuthClientStore(ctx: StoreContext): OAuthClientStore {
  const { doc, tableName } = ctx;
  return {
    async create(input) {
      const bound = input.orgId !== undefined || input.serverId !== undefined;
      if (bound && (!input.orgId || !input.serverId)) {
        throw new Error('an org-bound client needs both orgId and serverId');
      }
      const record: OAuthClientRecord = {
        clientId: newId('oauthClient', input.now.getTime()),
        clientName: input.clientName,
        redirectUris: input.redirectUris,
        grantTypes: input.grantTypes,
        responseTypes: input.responseTypes,
        tokenEndpointAuthMethod: 'none',
        ...(input.scope ? { scope: input.scope } : {}),
        source: bound ? 'org' : 'dcr',
        ...(bound ? { orgId: input.orgId, serverId: input.serverId } : {}),
        createdAt: input.now.toISOString(),
      };
      const put = (key: { pk: string; sk: string }) => ({
        Put: {
          TableName: tableName,
          Item: { ...key, type: 'oauthClient', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            put(keys.oauthClient(record.clientId)),
            ...(input.orgId && input.serverId
              ? [put(keys.serverClient(input.orgId, input.serverId, record.clientId))]
              : []),
          ],
        }),
      );
      return record;
    },

    async get(clientId) {
      if (clientId.length === 0 || clientId.length > 128) return undefined;
      return getItem<OAuthClientRecord>(ctx, keys.oauthClient(clientId));
    },

    async listForServer(orgId, serverId) {
      const items = await queryAll(ctx, keys.serverClientsOf(orgId, serverId));
      return items.map((item) => stripKeys<OAuthClientRecord>(item));
    },

    async deleteForServer(orgId, serverId, clientId) {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName,
                  Key: keys.serverClient(orgId, serverId, clientId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Delete: {
                  TableName: tableName,
                  Key: keys.oauthClient(clientId),
                  ConditionExpression: 'orgId = :org AND serverId = :srv',
                  ExpressionAttributeValues: { ':org': orgId, ':srv': serverId },
                },
              },
            ],
          }),
        );
        return true;
      } catch (err) {
        if (!cancellationCodes(err)?.includes('ConditionalCheckFailed')) throw err;
        return false;
      }
    },
  };
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { getItem } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import type { OrgRecord } from './types.js';

/** Organizations: the tenant. Item `ORG#<orgId>` / `ORG`. */
export interface OrgStore {
  /** Creates an org with a fresh `org_` id. */
  create(input: { name: string; email?: string }): Promise<OrgRecord>;
  /** The org, or undefined. Strongly consistent. */
  get(orgId: string): Promise<OrgRecord | undefined>;
}

export function createOrgStore(ctx: StoreContext): OrgStore {
  const { doc, tableName } = ctx;
  return {
    async create(input) {
      const record: OrgRecord = {
        orgId: newId('org'),
        name: input.name,
        ...(input.email ? { email: input.email } : {}),
        createdAt: new Date().toISOString(),
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.org(record.orgId), type: 'org', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },

    async get(orgId) {
      return getItem<OrgRecord>(ctx, keys.org(orgId));
    },
  };
}

import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PorticoError } from '@portico/contracts';
import type { ToolConfig, ToolOverride } from '@portico/openapi-to-mcp';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, getItem, isTransactionConflict, withRetry } from './dynamo.js';
import { keys } from './keys.js';
import type { ServerRecord, ToolConfigRecord } from './types.js';

/** The item as stored: overrides as JSON text (see {@link createToolConfigStore}). */
type StoredToolConfig = Omit<ToolConfigRecord, 'overrides'> & {
  overridesJson?: string;
  /** Items written before overrides were stored as text held them as a DynamoDB map. */
  overrides?: Record<string, ToolOverride>;
};

/**
 * A copy of `overrides` as a null-prototype object with the same own enumerable entries, so a
 * lookup of `constructor`, `toString` or `__proto__` finds only what the user wrote (an
 * assignment on a null-prototype object creates an own property even for `__proto__`).
 */
function overridesOf(
  overrides: Readonly<Record<string, ToolOverride>> | undefined,
): Record<string, ToolOverride> {
  const out = Object.create(null) as Record<string, ToolOverride>;
  for (const [tool, override] of Object.entries(overrides ?? {})) out[tool] = { ...override };
  return out;
}

function fromStored(item: StoredToolConfig): ToolConfigRecord {
  const { overridesJson, overrides, ...rest } = item;
  const parsed =
    overridesJson !== undefined
      ? (JSON.parse(overridesJson) as Record<string, ToolOverride>)
      : overrides;
  return { ...rest, overrides: overridesOf(parsed) };
}

/** Thrown inside put's retry loop when another writer bumped the version first. */
class VersionRace extends Error {}

/**
 * Tool configuration of a server (`ORG#<orgId>#SRV#<serverId>` / `TOOLCONFIG`): mode, selection
 * and per-tool overrides. Overrides are keyed by tool names, which come from documents and users
 * (`constructor`, `toString`, ...): they are stored as JSON text (`overridesJson`), never as a
 * DynamoDB map the SDK would marshal by inspecting the object (an own `constructor` key makes it
 * throw), and read back as a null-prototype object. Every write bumps the server record's `toolConfigVersion` in the same
 * transaction, which is what the gateway keys its compiled tool sets by.
 */
export interface ToolConfigStore {
  /** The stored configuration, or undefined if none was ever written. */
  get(orgId: string, serverId: string): Promise<ToolConfigRecord | undefined>;
  /**
   * Replaces the configuration and bumps `toolConfigVersion` (optimistic: the version written is
   * the server's current one + 1, conditioned on it, retried on a concurrent writer). The caller
   * validates the content. Throws PorticoError('NOT_FOUND') if the server does not exist.
   */
  put(orgId: string, serverId: string, config: ToolConfig): Promise<ToolConfigRecord>;
}

export function createToolConfigStore(ctx: StoreContext): ToolConfigStore {
  const { doc, tableName } = ctx;

  async function currentVersion(orgId: string, serverId: string): Promise<number> {
    const res = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.server(orgId, serverId),
        ConsistentRead: true,
        ProjectionExpression: 'toolConfigVersion, serverId',
      }),
    );
    if (!res.Item) throw new PorticoError('NOT_FOUND', 'server not found');
    return (res.Item as Pick<ServerRecord, 'toolConfigVersion'>).toolConfigVersion ?? 0;
  }

  async function writeOnce(
    orgId: string,
    serverId: string,
    config: ToolConfig,
  ): Promise<ToolConfigRecord> {
    const previous = await currentVersion(orgId, serverId);
    const record: ToolConfigRecord = {
      mode: config.mode,
      selection: config.selection,
      overrides: overridesOf(config.overrides),
      version: previous + 1,
      updatedAt: new Date().toISOString(),
    };
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: keys.server(orgId, serverId),
                UpdateExpression: 'SET toolConfigVersion = :next, updatedAt = :now',
                ConditionExpression:
                  'attribute_exists(pk) AND (attribute_not_exists(toolConfigVersion) OR toolConfigVersion = :prev)',
                ExpressionAttributeValues: {
                  ':next': record.version,
                  ':prev': previous,
                  ':now': record.updatedAt,
                },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...keys.toolConfig(orgId, serverId),
                  type: 'toolConfig',
                  mode: record.mode,
                  selection: record.selection,
                  overridesJson: JSON.stringify(record.overrides),
                  version: record.version,
                  updatedAt: record.updatedAt,
                },
              },
            },
          ],
        }),
      );
    } catch (err) {
      // The server exists (read above), so a failed condition means a concurrent writer won.
      if (cancellationCodes(err)?.[0] === 'ConditionalCheckFailed') throw new VersionRace();
      throw err;
    }
    return record;
  }

  return {
    async get(orgId, serverId) {
      const item = await getItem<StoredToolConfig>(ctx, keys.toolConfig(orgId, serverId));
      return item ? fromStored(item) : undefined;
    },

    async put(orgId, serverId, config) {
      try {
        return await withRetry(
          () => writeOnce(orgId, serverId, config),
          (err) => err instanceof VersionRace || isTransactionConflict(err),
          8,
        );
      } catch (err) {
        if (err instanceof VersionRace) {
          throw new PorticoError(
            'CONFLICT',
            'the tool configuration is being changed concurrently',
          );
        }
        throw err;
      }
    },
  };
}

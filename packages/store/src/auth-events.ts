import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { stripKeys } from './dynamo.js';
import { emailHash, maskEmail } from './emails.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, type Page, pageSize } from './pagination.js';

/** How long auth events are kept: 12 months (365 days), in seconds, via the TTL attribute. */
export const AUTH_EVENT_RETENTION_SECONDS = 365 * 24 * 60 * 60;

/** Longest user agent kept, characters; the rest is cut. */
export const MAX_USER_AGENT_CHARS = 512;

export const AUTH_EVENT_TYPES = [
  'code_requested',
  'code_verified',
  'code_failed',
  'token_issued',
  'token_refreshed',
  'token_revoked',
  'refresh_reuse_detected',
  'code_replayed',
  'session_issued',
  'session_refreshed',
  'session_revoked',
] as const;
export type AuthEventType = (typeof AUTH_EVENT_TYPES)[number];

/**
 * One auth event. The address is kept as its hash (to find a person's events) and masked (to
 * show), not in clear: the event log outlives the end-user record it may describe.
 */
export interface AuthEventRecord {
  /** `evt_...`; sorts by `at`. */
  eventId: string;
  type: AuthEventType;
  /** ISO-8601. */
  at: string;
  orgId: string;
  serverId?: string;
  /** The person's id: emailHash of the address (= `endUserId` / `memberId`). */
  emailHash?: string;
  /** `j***@example.com` */
  emailMasked?: string;
  ip?: string;
  userAgent?: string;
  /** Why it failed (code_failed: wrong_code, expired, too_many_attempts, already_used, no_code). */
  reason?: string;
  /** OAuth client id, for token events. */
  clientId?: string;
  /** Epoch seconds: `at` + 12 months (TTL). */
  expiresAt: number;
}

export interface AuthEventInput {
  type: AuthEventType;
  at: Date;
  serverId?: string;
  /** The address, when at hand: kept as its hash and a masked form. */
  email?: string;
  /** Otherwise the person's id (`endUserId` / `memberId`, an emailHash), kept as `emailHash`. */
  subject?: string;
  ip?: string;
  userAgent?: string;
  reason?: string;
  clientId?: string;
}

/**
 * Auth events per org at `ORG#<orgId>#EVENTS` / `EVT#<eventId>`, and per server through gsi1.
 * Event ids begin with their time, so key order is time order and listings read newest first.
 */
export interface AuthEventStore {
  record(orgId: string, input: AuthEventInput): Promise<AuthEventRecord>;
  /**
   * The org's events (or one server's, through gsi1, eventually consistent), newest first,
   * `limit` (1..100, default 50) per page, expired ones left out (TTL deletes late). `subject`
   * (an emailHash: `endUserId` / `memberId`) keeps one person's events: a filter, so a page reads
   * on until it is full. Throws VALIDATION_FAILED for a malformed cursor or one from another
   * listing.
   */
  list(
    orgId: string,
    opts?: { serverId?: string; subject?: string; limit?: number; cursor?: string; now?: Date },
  ): Promise<Page<AuthEventRecord>>;
}

export function createAuthEventStore(ctx: StoreContext): AuthEventStore {
  const { doc, tableName } = ctx;
  return {
    async record(orgId, input) {
      const eventId = newId('authEvent', input.at.getTime());
      const record: AuthEventRecord = {
        eventId,
        type: input.type,
        at: input.at.toISOString(),
        orgId,
        ...(input.serverId ? { serverId: input.serverId } : {}),
        ...(input.email
          ? { emailHash: emailHash(input.email), emailMasked: maskEmail(input.email) }
          : input.subject
            ? { emailHash: input.subject }
            : {}),
        ...(input.ip ? { ip: input.ip } : {}),
        ...(input.userAgent ? { userAgent: input.userAgent.slice(0, MAX_USER_AGENT_CHARS) } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.clientId ? { clientId: input.clientId } : {}),
        expiresAt: Math.floor(input.at.getTime() / 1000) + AUTH_EVENT_RETENTION_SECONDS,
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.authEvent(orgId, eventId),
            ...(input.serverId ? keys.authEventServerIndex(orgId, input.serverId, eventId) : {}),
            ...record,
            // `type` is the table's item kind; the event's own type is stored as `eventType`.
            type: 'authEvent',
            eventType: record.type,
          },
        }),
      );
      return record;
    },

    async list(orgId, opts = {}) {
      const limit = pageSize(opts.limit);
      const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
      const byServer = opts.serverId !== undefined;
      const partition = byServer
        ? keys.authEventsOfServer(orgId, opts.serverId ?? '').gsi1pk
        : keys.authEventsOf(orgId).pk;
      const pkField = byServer ? 'gsi1pk' : 'pk';
      const items: AuthEventRecord[] = [];
      let lastKey: Record<string, unknown> | undefined = opts.cursor
        ? decodeCursor(opts.cursor, pkField, partition)
        : undefined;
      do {
        const input: QueryCommandInput = {
          TableName: tableName,
          ...(byServer ? { IndexName: 'gsi1' } : { ConsistentRead: true }),
          KeyConditionExpression: `${pkField} = :pk`,
          FilterExpression: `expiresAt > :now${opts.subject ? ' AND emailHash = :subject' : ''}`,
          ExpressionAttributeValues: {
            ':pk': partition,
            ':now': nowSec,
            ...(opts.subject ? { ':subject': opts.subject } : {}),
          },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ...(lastKey ? { ExclusiveStartKey: lastKey } : {}),
        };
        const res = await doc.send(new QueryCommand(input));
        for (const item of res.Items ?? []) {
          const { eventType, ...rest } = stripKeys<Record<string, unknown>>(item);
          items.push({ ...rest, type: eventType } as AuthEventRecord);
        }
        lastKey = res.LastEvaluatedKey;
      } while (lastKey && items.length < limit);
      return lastKey ? { items, cursor: encodeCursor(lastKey) } : { items };
    },
  };
}

import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './dynamo.js';
import { errorName, getItem, stripKeys } from './dynamo.js';
import { emailHash, normalizeEmail } from './emails.js';
import { keys } from './keys.js';

/** Verification attempts per code, the successful one included (OWASP ASVS 5.0 V6.6.3). */
export const MAX_CODE_ATTEMPTS = 5;

/** Who a code signs in: an org's member, or an end user of one server of an org. */
export type SignInAudience =
  | { kind: 'member'; orgId: string }
  | { kind: 'enduser'; orgId: string; serverId: string };

/** What a code is for: a sign-in, or the sign-up of a new organization (no org exists yet). */
export type CodeAudience = SignInAudience | { kind: 'signup' };

/**
 * The audience as one string (`member:<orgId>`, `enduser:<orgId>:<serverId>`, `signup`): stored on
 * the code and bound into its HMAC, so a code issued for one audience never verifies for another.
 */
export function audienceId(audience: CodeAudience): string {
  if (audience.kind === 'signup') return 'signup';
  return audience.kind === 'member'
    ? `member:${audience.orgId}`
    : `enduser:${audience.orgId}:${audience.serverId}`;
}

/** A stored email code. Never holds the code itself, only its HMAC (computed by the caller). */
export interface EmailCodeRecord {
  /** Absent for sign-up codes. */
  orgId?: string;
  serverId?: string;
  /** audienceId() of the audience. */
  audience: string;
  /** Normalized address. */
  email: string;
  /** HMAC of the code, as the caller encodes it (the auth service: base64url HMAC-SHA256). */
  codeHmac: string;
  /** Verification attempts so far (each is counted before the code is compared). */
  attempts: number;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds; also the table's TTL attribute. The code is dead from this second on. */
  expiresAt: number;
  /** ISO-8601; set once by the one successful verification. */
  consumedAt?: string;
}

/** Why a verification failed. `wrong_code` is the only one that depends on the code presented. */
export type CodeFailureReason =
  | 'no_code'
  | 'expired'
  | 'too_many_attempts'
  | 'already_used'
  | 'wrong_code';

export type CodeVerification =
  | { ok: true; record: EmailCodeRecord }
  | { ok: false; reason: CodeFailureReason };

/**
 * Email codes (OWASP ASVS 5.0 V6.6): one item per (audience, address), replaced by each new code.
 * Sign-up codes (`{ kind: 'signup' }`) are global items (keys.signupCode), the others tenant data.
 * Single use and the attempt limit are enforced by DynamoDB conditional writes, so they hold
 * across replicas and under concurrent verifications.
 */
export interface EmailCodeStore {
  /** Stores a new code for (audience, email), replacing any previous one (its attempts too). */
  put(
    audience: CodeAudience,
    input: { email: string; codeHmac: string; now: Date; ttlSeconds: number },
  ): Promise<EmailCodeRecord>;
  /** The live code (not expired at `now`), consumed or not; undefined when absent or expired. */
  get(audience: CodeAudience, email: string, now: Date): Promise<EmailCodeRecord | undefined>;
  /**
   * One verification attempt. First counts the attempt atomically (only while the code exists, is
   * unconsumed, unexpired at `now` and has attempts left), then asks `matches` (which must compare
   * in constant time) about the stored HMAC, then consumes the code with a write conditioned on it
   * being the same code and still unconsumed. So N concurrent attempts compare at most
   * MAX_CODE_ATTEMPTS times and at most one returns ok.
   */
  verify(
    audience: CodeAudience,
    email: string,
    opts: { now: Date; matches: (codeHmac: string) => boolean },
  ): Promise<CodeVerification>;
}

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

function classify(item: Record<string, unknown> | undefined, nowSec: number): CodeFailureReason {
  if (!item) return 'no_code';
  const record = item as unknown as EmailCodeRecord;
  if (record.consumedAt) return 'already_used';
  if (record.expiresAt <= nowSec) return 'expired';
  if (record.attempts >= MAX_CODE_ATTEMPTS) return 'too_many_attempts';
  // The item changed between our write and the read (a new code): the attempt did not count.
  return 'no_code';
}

export function createEmailCodeStore(ctx: StoreContext): EmailCodeStore {
  const { doc, tableName } = ctx;
  const keyOf = (audience: CodeAudience, email: string) =>
    audience.kind === 'signup'
      ? keys.signupCode(emailHash(email))
      : keys.emailCode(
          audience.orgId,
          emailHash(email),
          audience.kind === 'enduser' ? audience.serverId : undefined,
        );

  return {
    async put(audience, input) {
      const record: EmailCodeRecord = {
        ...(audience.kind === 'signup' ? {} : { orgId: audience.orgId }),
        ...(audience.kind === 'enduser' ? { serverId: audience.serverId } : {}),
        audience: audienceId(audience),
        email: normalizeEmail(input.email),
        codeHmac: input.codeHmac,
        attempts: 0,
        createdAt: input.now.toISOString(),
        expiresAt: epochSeconds(input.now) + input.ttlSeconds,
      };
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keyOf(audience, input.email), type: 'emailCode', ...record },
        }),
      );
      return record;
    },

    async get(audience, email, now) {
      const record = await getItem<EmailCodeRecord>(ctx, keyOf(audience, email));
      // DynamoDB deletes expired items late (and DynamoDB Local never): check expiry here.
      if (!record || record.expiresAt <= epochSeconds(now)) return undefined;
      return record;
    },

    async verify(audience, email, { now, matches }) {
      const Key = keyOf(audience, email);
      const nowSec = epochSeconds(now);
      let record: EmailCodeRecord;
      try {
        const res = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'ADD attempts :one',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(consumedAt) AND attempts < :max AND expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':max': MAX_CODE_ATTEMPTS, ':now': nowSec },
            ReturnValues: 'ALL_NEW',
          }),
        );
        record = stripKeys<EmailCodeRecord>(res.Attributes ?? {});
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        // Failures are rare and cheap to explain with one more consistent read.
        const old = await getItem<Record<string, unknown>>(ctx, Key);
        return { ok: false, reason: classify(old, nowSec) };
      }
      if (!matches(record.codeHmac)) return { ok: false, reason: 'wrong_code' };
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: 'SET consumedAt = :at',
            // Same code (not replaced meanwhile) and not consumed by a concurrent verification.
            ConditionExpression: 'codeHmac = :hmac AND attribute_not_exists(consumedAt)',
            ExpressionAttributeValues: { ':at': now.toISOString(), ':hmac': record.codeHmac },
          }),
        );
      } catch (err) {
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
        return { ok: false, reason: 'already_used' };
      }
      return { ok: true, record: { ...record, consumedAt: now.toISOString() } };
    },
  };
}

import {
  type ApiKeyRecord,
  type AuthEventRecord,
  type EndUserRecord,
  MEMBER_ROLES,
  type MemberRecord,
  type OAuthClientRecord,
  type OrgRecord,
  type ServerRecord,
  type SpecVersionRecord,
} from '@portico/store';
import { z } from 'zod';

/** Server slug: lowercase letters, digits and inner hyphens, 1-63 characters. */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'lowercase letters, digits and inner hyphens, 1-63',
  );

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Response schemas with the error body for 4xx/5xx. */
export function withErrors<T extends Record<number, z.ZodType>>(
  ok: T,
): T & { '4xx': typeof ErrorResponse; '5xx': typeof ErrorResponse } {
  return { ...ok, '4xx': ErrorResponse, '5xx': ErrorResponse };
}

/**
 * The wire view of a record: exactly the named fields that are present (undefined ones left
 * out), so a field added to a stored record is never answered by accident.
 */
function fields<R extends object, K extends keyof R>(record: R, keys: readonly K[]): Pick<R, K> {
  const out = {} as Pick<R, K>;
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

export const Org = z.object({
  orgId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  createdAt: z.string(),
});

export function toOrg(r: OrgRecord): z.infer<typeof Org> {
  return fields(r, ['orgId', 'name', 'email', 'createdAt']);
}

export const ServerAccess = z.enum(['public', 'api_key', 'end_user']);

export const Server = z.object({
  serverId: z.string(),
  slug: z.string(),
  name: z.string(),
  access: ServerAccess,
  activeVersionId: z.string().nullable(),
  /** Path of the MCP endpoint on the gateway's origin. */
  mcpPath: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toServer(r: ServerRecord): z.infer<typeof Server> {
  return {
    ...fields(r, ['serverId', 'slug', 'name', 'access', 'createdAt', 'updatedAt']),
    activeVersionId: r.activeVersionId ?? null,
    mcpPath: `/s/${r.slug}/mcp`,
  };
}

export const ApiKey = z.object({
  keyId: z.string(),
  hint: z.string(),
  name: z.string().nullable(),
  serverId: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export function toApiKey(r: ApiKeyRecord): z.infer<typeof ApiKey> {
  return {
    ...fields(r, ['keyId', 'hint', 'createdAt']),
    name: r.name ?? null,
    serverId: r.serverId ?? null,
    revokedAt: r.revokedAt ?? null,
    lastUsedAt: r.lastUsedAt ?? null,
  };
}

export const Version = z.object({
  versionId: z.string(),
  createdAt: z.string(),
  info: z.object({ title: z.string(), version: z.string(), specVersion: z.string() }),
  toolCount: z.number().int(),
  documentBytes: z.number().int(),
  documentSha256: z.string(),
  active: z.boolean(),
});

export function toVersion(r: SpecVersionRecord, activeVersionId?: string): z.infer<typeof Version> {
  return {
    ...fields(r, [
      'versionId',
      'createdAt',
      'info',
      'toolCount',
      'documentBytes',
      'documentSha256',
    ]),
    active: r.versionId === activeVersionId,
  };
}

/** The conversion report of @portico/openapi-to-mcp (ConversionReport). */
export const Report = z.object({
  specVersion: z.string(),
  format: z.enum(['json', 'yaml']),
  counts: z.object({
    operations: z.number().int(),
    converted: z.number().int(),
    renamed: z.number().int(),
    skipped: z.number().int(),
  }),
  operations: z.array(
    z.object({
      pointer: z.string(),
      method: z.enum(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']),
      path: z.string(),
      operationId: z.string().optional(),
      status: z.enum(['converted', 'renamed', 'skipped']),
      tool: z.string().optional(),
      reason: z.string().optional(),
      notes: z.array(z.string()).optional(),
    }),
  ),
  warnings: z.array(z.object({ pointer: z.string(), message: z.string() })),
});

/** Query of a paginated listing: `limit` 1..100 (default 50), `cursor` from the previous page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(2048).optional().describe('`cursor` of the previous page'),
});

/** A page of a listing: `cursor` is present while there are more items. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    cursor: z.string().optional().describe('pass as `cursor` for the next page; absent at the end'),
  });
}

export const MemberRole = z
  .enum(MEMBER_ROLES)
  .describe('admin: everything; developer: all but API keys and members; billing: read-only');

export const Member = z
  .object({
    memberId: z.string().describe('emailHash(email): 43 base64url characters'),
    email: z.string(),
    role: MemberRole,
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    loginCount: z.number().int(),
  })
  .meta({ id: 'Member' });

export function toMember(r: MemberRecord): z.infer<typeof Member> {
  return {
    ...fields(r, ['memberId', 'email', 'role', 'createdAt', 'loginCount']),
    lastLoginAt: r.lastLoginAt ?? null,
  };
}

export const EndUser = z
  .object({
    endUserId: z.string().describe("emailHash(email): 43 base64url characters; the tokens' `sub`"),
    email: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string().describe('last sign-in or activity (activity at most once a minute)'),
    loginCount: z.number().int(),
  })
  .meta({ id: 'EndUser' });

export function toEndUser(r: EndUserRecord): z.infer<typeof EndUser> {
  return fields(r, ['endUserId', 'email', 'firstSeenAt', 'lastSeenAt', 'loginCount']);
}

export const AuthEvent = z
  .object({
    eventId: z.string(),
    type: z.string(),
    at: z.string(),
    serverId: z.string().optional(),
    emailHash: z.string().optional().describe("the end user's or member's id (emailHash)"),
    emailMasked: z.string().optional().describe('`j***@example.com`: the address is never shown'),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    reason: z.string().optional(),
    clientId: z.string().optional(),
  })
  .meta({ id: 'AuthEvent' });

/** An auth event as shown: the masked address and its hash, never the address. */
export function toAuthEvent(r: AuthEventRecord): z.infer<typeof AuthEvent> {
  return fields(r, [
    'eventId',
    'type',
    'at',
    'serverId',
    'emailHash',
    'emailMasked',
    'ip',
    'userAgent',
    'reason',
    'clientId',
  ]);
}

export const OAuthClient = z
  .object({
    clientId: z.string(),
    clientName: z.string(),
    redirectUris: z.array(z.string()),
    grantTypes: z.array(z.string()),
    responseTypes: z.array(z.string()),
    tokenEndpointAuthMethod: z
      .literal('none')
      .describe('public client: no secret (OAuth 2.1 section 2.1)'),
    scope: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'OAuthClient' });

export function toOAuthClient(r: OAuthClientRecord): z.infer<typeof OAuthClient> {
  return fields(r, [
    'clientId',
    'clientName',
    'redirectUris',
    'grantTypes',
    'responseTypes',
    'tokenEndpointAuthMethod',
    'scope',
    'createdAt',
  ]);
}

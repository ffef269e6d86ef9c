import type { ApiKeyRecord, OrgRecord, ServerRecord, SpecVersionRecord } from '@portico/store';
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

export const Org = z.object({
  orgId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  createdAt: z.string(),
});

export function toOrg(r: OrgRecord): z.infer<typeof Org> {
  return {
    orgId: r.orgId,
    name: r.name,
    ...(r.email ? { email: r.email } : {}),
    createdAt: r.createdAt,
  };
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
    serverId: r.serverId,
    slug: r.slug,
    name: r.name,
    access: r.access,
    activeVersionId: r.activeVersionId ?? null,
    mcpPath: `/s/${r.slug}/mcp`,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
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
    keyId: r.keyId,
    hint: r.hint,
    name: r.name ?? null,
    serverId: r.serverId ?? null,
    createdAt: r.createdAt,
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
    versionId: r.versionId,
    createdAt: r.createdAt,
    info: r.info,
    toolCount: r.toolCount,
    documentBytes: r.documentBytes,
    documentSha256: r.documentSha256,
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

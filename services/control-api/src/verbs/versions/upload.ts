import { PorticoError } from '@portico/contracts';
import { type ConversionReport, convertOpenApi } from '@portico/openapi-to-mcp';
import type { SpecVersionRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';
import { previousNames } from './previous-names.js';

export interface UploadVersionInput {
  slug: string;
  /** The OpenAPI document (JSON or YAML, Swagger 2.0 / OpenAPI 3.0 / 3.1), decoded bytes. */
  document: Uint8Array;
  /** Make the new version the served one. The first version of a server is always activated. */
  activate: boolean;
}

export interface UploadVersionOutput {
  version: SpecVersionRecord;
  report: ConversionReport;
  active: boolean;
  /** Versions pruned to stay within maxVersionsPerServer, oldest first. */
  pruned: string[];
}

/** A SpecError of @portico/openapi-to-mcp, recognized by shape (robust to duplicate module loads). */
function asSpecError(err: unknown): { code: string; pointer: string; message: string } | undefined {
  if (!(err instanceof Error) || err.name !== 'SpecError') return undefined;
  const { code, pointer } = err as Error & { code?: unknown; pointer?: unknown };
  if (typeof code !== 'string' || typeof pointer !== 'string') return undefined;
  return { code, pointer, message: err.message };
}

/**
 * Converts and stores a new spec version, and activates it when asked (or when the server has no
 * active version yet). Tools keep the names they had in the active (else latest) version while
 * their operation exists (see previousNames). A document that cannot be converted stores nothing
 * and leaves the active version serving. Storage limits (deps.storageLimits): the oldest inactive
 * versions beyond maxVersionsPerServer are pruned with the write; a version that would take the
 * org past maxStoredBytesPerOrg is refused, nothing stored.
 * Errors: NOT_FOUND (server), SPEC_INVALID (details: pointer, reason, specError), STORAGE_LIMIT
 * (413, details: limitBytes, storedBytes, versionBytes), CONFLICT (concurrent uploads).
 */
export async function uploadVersion(
  deps: Deps,
  { ctx, input }: VerbArgs<UploadVersionInput>,
): Promise<UploadVersionOutput> {
  const server = await resolveServer(deps, ctx, input.slug);
  const names = await previousNames(deps, server);
  let converted: ReturnType<typeof convertOpenApi>;
  try {
    converted = convertOpenApi(input.document, {
      maxBytes: deps.maxSpecBytes,
      ...(names ? { previousNames: names } : {}),
    });
  } catch (err) {
    const spec = asSpecError(err);
    if (!spec) throw err;
    throw new PorticoError('SPEC_INVALID', `the document cannot be converted: ${spec.message}`, {
      pointer: spec.pointer,
      reason: spec.message,
      specError: spec.code,
    });
  }
  const { version, pruned } = await deps.store.specs.addVersion(
    ctx.orgId,
    server.serverId,
    { document: input.document, manifest: converted.manifest, report: converted.report },
    deps.storageLimits,
  );
  const active = input.activate || !server.activeVersionId;
  if (active) {
    await deps.store.servers.activateVersion(ctx.orgId, server.serverId, version.versionId);
  }
  return { version, report: converted.report, active, pruned };
}

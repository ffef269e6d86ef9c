import { PorticoError } from '@portico/contracts';
import type { ConversionReport } from '@portico/openapi-to-mcp';
import { isId, type SpecVersionRecord } from '@portico/store';
import type { Deps, VerbArgs } from '../../context.js';
import { resolveServer } from '../servers/resolve.js';

/** One version of a server with its conversion report. Errors: NOT_FOUND (server or version). */
export async function getVersion(
  deps: Deps,
  { ctx, input }: VerbArgs<{ slug: string; versionId: string }>,
): Promise<{ version: SpecVersionRecord; report: ConversionReport; active: boolean }> {
  const server = await resolveServer(deps, ctx, input.slug);
  const notFound = new PorticoError('NOT_FOUND', `version "${input.versionId}" not found`);
  if (!isId('version', input.versionId)) throw notFound;
  const [version, report] = await Promise.all([
    deps.store.specs.getVersion(ctx.orgId, server.serverId, input.versionId),
    deps.store.specs.getReport(ctx.orgId, server.serverId, input.versionId),
  ]);
  if (!version || !report) throw notFound;
  return { version, report, active: server.activeVersionId === version.versionId };
}

import { operationKey } from '@portico/openapi-to-mcp';
import type { ServerRecord } from '@portico/store';
import type { Deps } from '../../context.js';

/**
 * The tool names a new upload must keep (a tool keeps its name when its spec is uploaded again, so
 * clients that call it by name keep working): operation key (`operationKey(method, path)`) -> tool
 * name, read from the manifest of the server's active version, else of its latest version;
 * undefined for a server's first upload. The generator gives each operation that still exists its
 * previous name, so a new operation whose operationId collides with an existing tool's name gets
 * another name instead.
 */
export async function previousNames(
  deps: Deps,
  server: ServerRecord,
): Promise<Record<string, string> | undefined> {
  let versionId = server.activeVersionId;
  if (!versionId) {
    const versions = await deps.store.specs.listVersions(server.orgId, server.serverId);
    versionId = versions.at(-1)?.versionId;
  }
  if (!versionId) return undefined;
  const manifest = await deps.store.specs.getManifest(server.orgId, server.serverId, versionId);
  if (!manifest) return undefined;
  // Keys derive from document paths: a null-prototype object holds them as data only.
  const names = Object.create(null) as Record<string, string>;
  for (const tool of manifest.tools) {
    names[operationKey(tool.binding.method, tool.binding.path)] = tool.name;
  }
  return names;
}

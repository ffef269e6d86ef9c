import { createHash } from 'node:crypto';
import type { ConversionReport, ToolManifest } from '@portico/openapi-to-mcp';
import { type BlobKind, chunkItems, packBlob, readBlob } from './chunks.js';
import type { StoreContext } from './dynamo.js';
import { getItem, queryAll, stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import { DEFAULT_STORAGE_LIMITS, readUsage, type StorageLimits } from './storage.js';
import type { SpecVersionRecord } from './types.js';
import { type StoredVersion, writeVersion } from './version-writes.js';

/** The input of a version write: the upload as received (bytes) and what it converted to. */
export interface VersionInput {
  document: Uint8Array;
  manifest: ToolManifest;
  report: ConversionReport;
}

/**
 * Spec versions: immutable. The record lives at `ORG#<orgId>#SRV#<serverId>` / `VER#<versionId>`;
 * the uploaded document, the tool manifest and the conversion report are brotli-compressed and
 * split into chunk items (`CHUNK#<versionId>#<blob>#<nnnn>`, see chunks.ts), written with or
 * before the record so a version is visible only once complete. Storage is limited per server
 * (versions kept) and per org (stored bytes, an exact counter): see storage.ts and
 * version-writes.ts.
 */
export interface SpecStore {
  /**
   * Stores a new version of the server's spec (not activated: see servers.activateVersion) under
   * `limits` (default DEFAULT_STORAGE_LIMITS): the oldest inactive versions beyond
   * `maxVersionsPerServer` are pruned in the same transaction, chunks included; the active
   * version never is. Returns the version and the pruned version ids (oldest first).
   * Errors: PorticoError NOT_FOUND (server), STORAGE_LIMIT (413: the org's stored bytes would
   * pass `maxStoredBytesPerOrg`; nothing stored; details `{limitBytes, storedBytes,
   * versionBytes}`), CONFLICT (concurrent uploads kept racing).
   */
  addVersion(
    orgId: string,
    serverId: string,
    input: VersionInput,
    limits?: StorageLimits,
  ): Promise<{ version: SpecVersionRecord; pruned: string[] }>;
  /** {@link SpecStore.addVersion} under the default limits, returning the version only. */
  putVersion(orgId: string, serverId: string, input: VersionInput): Promise<SpecVersionRecord>;
  /** Stored bytes of the org's spec versions (the exact counter; 0 before its first write). */
  storedBytes(orgId: string): Promise<number>;
  getVersion(
    orgId: string,
    serverId: string,
    versionId: string,
  ): Promise<SpecVersionRecord | undefined>;
  /** All versions of the server, oldest first (version ids sort by creation time). */
  listVersions(orgId: string, serverId: string): Promise<SpecVersionRecord[]>;
  getManifest(
    orgId: string,
    serverId: string,
    versionId: string,
  ): Promise<ToolManifest | undefined>;
  getReport(
    orgId: string,
    serverId: string,
    versionId: string,
  ): Promise<ConversionReport | undefined>;
  /** The document bytes exactly as uploaded. */
  getDocument(orgId: string, serverId: string, versionId: string): Promise<Uint8Array | undefined>;
}

function toPublic(item: Record<string, unknown>): SpecVersionRecord {
  const { blobs: _blobs, ...record } = stripKeys<StoredVersion>(item);
  return record;
}

export function createSpecStore(ctx: StoreContext): SpecStore {
  const { doc, tableName } = ctx;

  async function getStored(
    orgId: string,
    serverId: string,
    versionId: string,
  ): Promise<StoredVersion | undefined> {
    return getItem<StoredVersion>(ctx, keys.version(orgId, serverId, versionId));
  }

  async function getBlob(
    orgId: string,
    serverId: string,
    versionId: string,
    blob: BlobKind,
  ): Promise<Uint8Array | undefined> {
    const stored = await getStored(orgId, serverId, versionId);
    if (!stored) return undefined;
    return readBlob(doc, tableName, stored.blobs[blob], (i) =>
      keys.chunk(orgId, serverId, versionId, blob, i),
    );
  }

  async function getJson<T>(
    orgId: string,
    serverId: string,
    versionId: string,
    blob: BlobKind,
  ): Promise<T | undefined> {
    const bytes = await getBlob(orgId, serverId, versionId, blob);
    return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as T) : undefined;
  }

  const specs: SpecStore = {
    async addVersion(orgId, serverId, input, limits = DEFAULT_STORAGE_LIMITS) {
      const versionId = newId('version');
      const [document, manifest, report] = await Promise.all([
        packBlob(input.document),
        packBlob(Buffer.from(JSON.stringify(input.manifest), 'utf8')),
        packBlob(Buffer.from(JSON.stringify(input.report), 'utf8')),
      ]);
      const record: SpecVersionRecord = {
        orgId,
        serverId,
        versionId,
        createdAt: new Date().toISOString(),
        info: {
          title: input.manifest.info.title,
          version: input.manifest.info.version,
          specVersion: input.manifest.info.specVersion,
        },
        toolCount: input.manifest.tools.length,
        documentBytes: input.document.byteLength,
        documentSha256: createHash('sha256').update(input.document).digest('hex'),
      };
      const stored: StoredVersion = {
        ...record,
        blobs: {
          document: document.descriptor,
          manifest: manifest.descriptor,
          report: report.descriptor,
        },
      };
      const chunks = [
        ...chunkItems(document, (i) => keys.chunk(orgId, serverId, versionId, 'document', i)),
        ...chunkItems(manifest, (i) => keys.chunk(orgId, serverId, versionId, 'manifest', i)),
        ...chunkItems(report, (i) => keys.chunk(orgId, serverId, versionId, 'report', i)),
      ];
      const pruned = await writeVersion(ctx, orgId, serverId, { stored, chunks }, limits);
      return { version: record, pruned };
    },

    async putVersion(orgId, serverId, input) {
      return (await specs.addVersion(orgId, serverId, input)).version;
    },

    async storedBytes(orgId) {
      return (await readUsage(ctx, orgId)).storedBytes;
    },

    async getVersion(orgId, serverId, versionId) {
      const stored = await getStored(orgId, serverId, versionId);
      if (!stored) return undefined;
      const { blobs: _blobs, ...record } = stored;
      return record;
    },

    async listVersions(orgId, serverId) {
      const items = await queryAll(ctx, keys.versionsOf(orgId, serverId));
      return items.map((item) => toPublic(item));
    },

    getManifest: (orgId, serverId, versionId) =>
      getJson<ToolManifest>(orgId, serverId, versionId, 'manifest'),
    getReport: (orgId, serverId, versionId) =>
      getJson<ConversionReport>(orgId, serverId, versionId, 'report'),
    getDocument: (orgId, serverId, versionId) => getBlob(orgId, serverId, versionId, 'document'),
  };
  return specs;
}

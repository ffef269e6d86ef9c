import { createHash } from 'node:crypto';
import { PorticoError } from '@portico/contracts';
import type { ConversionReport, ToolManifest } from '@portico/openapi-to-mcp';
import {
  type BlobDescriptor,
  type BlobKind,
  chunkItems,
  packBlob,
  readBlob,
  writeWithChunks,
} from './chunks.js';
import type { StoreContext } from './dynamo.js';
import { cancellationCodes, getItem, queryAll, stripKeys } from './dynamo.js';
import { newId } from './ids.js';
import { keys } from './keys.js';
import type { SpecVersionRecord } from './types.js';

/** The version item as stored: the public record plus where its blobs are. */
type StoredVersion = SpecVersionRecord & { blobs: Record<BlobKind, BlobDescriptor> };

/**
 * Spec versions: immutable. The record lives at `ORG#<orgId>#SRV#<serverId>` / `VER#<versionId>`;
 * the uploaded document, the tool manifest and the conversion report are brotli-compressed and
 * split into chunk items (`CHUNK#<versionId>#<blob>#<nnnn>`, see chunks.ts), written with or
 * before the record so a version is visible only once complete.
 */
export interface SpecStore {
  /**
   * Stores a new version of the server's spec (not activated: see servers.activateVersion).
   * `document` is the upload as received (bytes). Throws PorticoError('NOT_FOUND') if the server
   * does not exist. Documents of any size the caller accepted are stored (GitHub's 13 MB included).
   */
  putVersion(
    orgId: string,
    serverId: string,
    input: { document: Uint8Array; manifest: ToolManifest; report: ConversionReport },
  ): Promise<SpecVersionRecord>;
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

  return {
    async putVersion(orgId, serverId, input) {
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
      try {
        await writeWithChunks(doc, tableName, chunks, [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.server(orgId, serverId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.version(orgId, serverId, versionId), type: 'version', ...stored },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
      } catch (err) {
        const codes = cancellationCodes(err);
        // The server check is the first of the final items, which come after the chunk puts.
        if (codes?.[codes.length - 2] === 'ConditionalCheckFailed') {
          throw new PorticoError('NOT_FOUND', 'server not found');
        }
        throw err;
      }
      return record;
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
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  type ConversionReport,
  convertOpenApi,
  type ManifestTool,
  type ToolManifest,
} from '@portico/openapi-to-mcp';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, keys } from '../src/index.js';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
const doc = DynamoDBDocumentClient.from(t.client);
afterAll(() => t.client.destroy());

function manifestOf(tools: ManifestTool[]): ToolManifest {
  return {
    manifestVersion: 1,
    info: { title: 'Synthetic', version: '1.0.0', specVersion: '3.1.0' },
    servers: ['https://api.example.com'],
    tools,
  };
}

function reportOf(n: number): ConversionReport {
  return {
    specVersion: '3.1.0',
    format: 'json',
    counts: { operations: n, converted: n, renamed: 0, skipped: 0 },
    operations: [],
    warnings: [],
    toolCount: 0,
    toolListTokens: 0,
    recommendation: { dynamicMode: false, reason: 'test' },
  };
}

/** `n` tools whose descriptions are random text (compresses poorly, so chunks get big). */
function bigTools(n: number, descriptionBytes: number): ManifestTool[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `tool_${i}`,
    description: randomBytes(descriptionBytes).toString('base64'),
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
    annotations: { readOnlyHint: true },
    binding: { method: 'get' as const, path: `/things/${i}`, parameters: [] },
  }));
}

async function freshServer(): Promise<{ orgId: string; serverId: string }> {
  const org = await freshOrg(store);
  const server = await store.servers.create(org.orgId, {
    slug: uniqueSlug(),
    name: 'spec',
    access: 'public',
  });
  return { orgId: org.orgId, serverId: server.serverId };
}

describe('specs', () => {
  it('stores a small version and reads everything back', async () => {
    const { orgId, serverId } = await freshServer();
    const document = Buffer.from('openapi: 3.1.0\ninfo: {title: Synthetic, version: 1.0.0}\n');
    const manifest = manifestOf(bigTools(3, 10));
    const report = reportOf(3);
    const version = await store.specs.putVersion(orgId, serverId, { document, manifest, report });
    expect(version).toMatchObject({
      orgId,
      serverId,
      toolCount: 3,
      documentBytes: document.byteLength,
      info: { title: 'Synthetic', version: '1.0.0', specVersion: '3.1.0' },
    });
    expect(version.versionId).toMatch(/^ver_/);
    expect(version.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.specs.getVersion(orgId, serverId, version.versionId)).toEqual(version);
    expect(await store.specs.getManifest(orgId, serverId, version.versionId)).toEqual(manifest);
    expect(await store.specs.getReport(orgId, serverId, version.versionId)).toEqual(report);
    const stored = await store.specs.getDocument(orgId, serverId, version.versionId);
    expect(Buffer.from(stored ?? []).equals(document)).toBe(true);
  });

  it('lists versions oldest first and hides them from other orgs', async () => {
    const { orgId, serverId } = await freshServer();
    const other = await freshOrg(store);
    const input = { document: Buffer.from('{}'), manifest: manifestOf([]), report: reportOf(0) };
    const v1 = await store.specs.putVersion(orgId, serverId, input);
    await new Promise((r) => setTimeout(r, 5));
    const v2 = await store.specs.putVersion(orgId, serverId, input);
    const listed = await store.specs.listVersions(orgId, serverId);
    expect(listed.map((v) => v.versionId)).toEqual([v1.versionId, v2.versionId]);
    expect(await store.specs.listVersions(other.orgId, serverId)).toEqual([]);
    expect(await store.specs.getVersion(other.orgId, serverId, v1.versionId)).toBeUndefined();
    expect(await store.specs.getManifest(other.orgId, serverId, v1.versionId)).toBeUndefined();
    await expect(store.specs.putVersion(other.orgId, serverId, input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('round-trips a manifest too big for one transaction (batch-written chunks)', async () => {
    const { orgId, serverId } = await freshServer();
    // ~6 MB of base64 text: after compression still > 4 MB, so > 1 transaction and many chunks.
    const manifest = manifestOf(bigTools(600, 7_500));
    const document = Buffer.from(JSON.stringify({ openapi: '3.1.0', padding: 'x'.repeat(1e6) }));
    const version = await store.specs.putVersion(orgId, serverId, {
      document,
      manifest,
      report: reportOf(600),
    });
    // More chunk bytes than one transaction may carry: the batch-write path was taken.
    let chunkCount = 0;
    const pages = paginateQuery(
      { client: doc },
      {
        TableName: t.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: {
          ':pk': keys.version(orgId, serverId, version.versionId).pk,
          ':sk': `CHUNK#${version.versionId}#manifest#`,
        },
        Select: 'COUNT',
      },
    );
    for await (const page of pages) chunkCount += page.Count ?? 0;
    expect(chunkCount).toBeGreaterThan(4_000_000 / CHUNK_BYTES);
    const back = await store.specs.getManifest(orgId, serverId, version.versionId);
    expect(back?.tools).toHaveLength(600);
    expect(back).toEqual(manifest);
    const stored = await store.specs.getDocument(orgId, serverId, version.versionId);
    expect(Buffer.from(stored ?? []).equals(document)).toBe(true);
  });

  it("stores GitHub's 13 MB description and reads it back byte for byte", async () => {
    const { orgId, serverId } = await freshServer();
    const document = gunzipSync(
      readFileSync(new URL('./fixtures/api.github.com.json.gz', import.meta.url)),
    );
    expect(document.byteLength).toBeGreaterThan(10_000_000);
    const manifest = manifestOf(bigTools(1_200, 400));
    const version = await store.specs.putVersion(orgId, serverId, {
      document,
      manifest,
      report: reportOf(1_200),
    });
    expect(version.documentBytes).toBe(document.byteLength);
    const back = await store.specs.getDocument(orgId, serverId, version.versionId);
    expect(Buffer.from(back ?? []).equals(document)).toBe(true);
    expect((await store.specs.getManifest(orgId, serverId, version.versionId))?.tools).toHaveLength(
      1_200,
    );
  });

  it("stores GitHub's description with the manifest the real generator makes from it", async () => {
    const { orgId, serverId } = await freshServer();
    const document = gunzipSync(
      readFileSync(new URL('./fixtures/api.github.com.json.gz', import.meta.url)),
    );
    const { manifest, report } = convertOpenApi(document);
    expect(manifest.tools.length).toBeGreaterThan(1000);
    const version = await store.specs.putVersion(orgId, serverId, { document, manifest, report });
    expect(version.toolCount).toBe(manifest.tools.length);
    expect(await store.specs.getManifest(orgId, serverId, version.versionId)).toEqual(manifest);
    expect(await store.specs.getReport(orgId, serverId, version.versionId)).toEqual(report);
  }, 60_000);
});

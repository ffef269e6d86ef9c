import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ConversionReport, ToolManifest } from '@portico/openapi-to-mcp';
import { keys, type Store, type VersionInput, versionStoredBytes } from '../src/index.js';
import { freshOrg, rawItem, type TestStore, uniqueSlug } from './helpers.js';

/** A version input of about `noiseBytes` incompressible bytes; same seed, same stored size. */
export function versionInput(noiseBytes = 2000, seed = 'v'): VersionInput {
  const noise = Buffer.alloc(noiseBytes);
  for (let i = 0; i < noiseBytes; i++) noise[i] = (i * 7919 + seed.charCodeAt(0) * 31) % 251;
  const manifest: ToolManifest = {
    manifestVersion: 1,
    info: { title: 'Sized', version: '1.0.0', specVersion: '3.1.0' },
    servers: ['https://api.example.com'],
    tools: [],
  };
  const report: ConversionReport = {
    specVersion: '3.1.0',
    format: 'json',
    counts: { operations: 0, converted: 0, renamed: 0, skipped: 0 },
    operations: [],
    warnings: [],
    toolCount: 0,
    toolListTokens: 0,
    recommendation: { dynamicMode: false, reason: 'test' },
  };
  return { document: new Uint8Array(noise), manifest, report };
}

/** Random bytes: every upload differs, sizes stay equal (incompressible). */
export function randomInput(bytes: number): VersionInput {
  return { ...versionInput(0), document: new Uint8Array(randomBytes(bytes)) };
}

export async function freshServer(store: Store, orgId?: string) {
  const org = orgId ?? (await freshOrg(store)).orgId;
  const server = await store.servers.create(org, {
    slug: uniqueSlug(),
    name: 'storage',
    access: 'public',
  });
  return { orgId: org, serverId: server.serverId };
}

/** Sort keys of every chunk item of the server's partition. */
export async function chunkKeys(t: TestStore, orgId: string, serverId: string): Promise<string[]> {
  const doc = DynamoDBDocumentClient.from(t.client);
  const out: string[] = [];
  const pk = keys.versionsOf(orgId, serverId).pk;
  for await (const page of paginateQuery(
    { client: doc },
    {
      TableName: t.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': 'CHUNK#' },
      ConsistentRead: true,
      ProjectionExpression: 'sk',
    },
  )) {
    for (const item of page.Items ?? []) out.push(String(item.sk));
  }
  return out;
}

/** The version ids that own chunks in the server's partition. */
export async function versionsWithChunks(t: TestStore, orgId: string, serverId: string) {
  const ids = new Set((await chunkKeys(t, orgId, serverId)).map((sk) => sk.split('#')[1]));
  return [...ids].sort();
}

/** Stored bytes of the versions the server still has, from their items' blob descriptors. */
export async function storedBytesOf(
  t: TestStore,
  orgId: string,
  serverId: string,
): Promise<number> {
  let total = 0;
  for (const v of await t.store.specs.listVersions(orgId, serverId)) {
    const item = await rawItem(t, keys.version(orgId, serverId, v.versionId));
    total += versionStoredBytes(item?.blobs as Parameters<typeof versionStoredBytes>[0]);
  }
  return total;
}

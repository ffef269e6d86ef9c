import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Client } from '@modelcontextprotocol/client';
import { type PrismMock, startPrism } from '@portico/devkit';
import { type Platform, startPlatform } from '@portico/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sampleArguments } from '../support/arguments.js';
import { ControlApi } from '../support/control-api.js';
import { credentialFor } from '../support/credentials.js';
import { connectMcp } from '../support/mcp.js';
import { CORPUS_DOCUMENTS, type CorpusDocument, MAX_CALLS_PER_DOCUMENT } from './documents.js';

/**
 * Issue 3's corpus test: for each real document, Prism mocks the API from that same document and
 * judges every request it receives against it; Portico converts the document, and the MCP client
 * calls every tool (a fixed sample for the largest) with arguments sampled from its inputSchema.
 * At least 99% of the requests must pass Prism's validation; each rejected one is listed.
 */
const MIN_ACCEPTANCE = 0.99;
const work = mkdtempSync(join(tmpdir(), 'portico-corpus-'));
let platform: Platform;
let api: ControlApi;
const summary: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({
    host: '127.0.0.1',
    port: 0,
    dataDir: work,
    tableName: 'portico',
    inMemory: true,
    // Every Prism of this test listens on 127.0.0.1, one after the other on fresh ports.
    allowUpstreamHosts: ['127.0.0.1'],
  });
  const anonymous = new ControlApi(platform.url);
  api = anonymous.as((await anonymous.signup(`corpus ${randomBytes(4).toString('hex')}`)).key);
});

afterAll(async () => {
  await platform?.stop();
  if (summary.length > 0) process.stdout.write(`\nCorpus acceptance\n${summary.join('\n')}\n`);
});

/** The document as a file Prism can read (gunzipped) and as parsed JSON. */
function materialize(doc: CorpusDocument): {
  path: string;
  text: string;
  parsed: Record<string, unknown>;
} {
  const raw = readFileSync(doc.file);
  const text = (doc.file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const path = join(work, basename(doc.file).replace(/\.gz$/, ''));
  writeFileSync(path, text);
  const parsed = (/\.ya?ml$/.test(path) ? parseYaml(text) : JSON.parse(text)) as Record<
    string,
    unknown
  >;
  return { path, text, parsed };
}

async function allTools(client: Client): Promise<{ name: string; inputSchema: unknown }[]> {
  const tools: { name: string; inputSchema: unknown }[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/** Every tool, or every k-th of the name-sorted list so exactly `max` are called. */
function fixedSample<T extends { name: string }>(tools: T[], max: number): T[] {
  const sorted = [...tools].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (sorted.length <= max) return sorted;
  const step = sorted.length / max;
  return Array.from({ length: max }, (_, i) => sorted[Math.floor(i * step)] as T);
}

describe.each(CORPUS_DOCUMENTS)('$name ($why)', (doc) => {
  let prism: PrismMock;
  let client: Client;
  let slug: string;

  beforeAll(async () => {
    const { path, parsed } = materialize(doc);
    prism = await startPrism(path, { readyTimeoutMs: 240_000 });
    slug = `corpus-${doc.name}-${randomBytes(3).toString('hex')}`;
    expect((await api.request('POST', '/servers', { slug, name: doc.name })).status).toBe(201);
    const upload = await api.upload(slug, path);
    expect(upload.status, JSON.stringify(upload.body).slice(0, 500)).toBe(201);
    const credential = credentialFor(parsed);
    const upstream = await api.request('PUT', `/servers/${slug}/upstream`, {
      baseUrl: prism.url,
      ...(credential ? { credential } : {}),
    });
    expect(upstream.status).toBe(200);
    client = await connectMcp(`${platform.url}/s/${slug}/mcp`, {
      authorization: `Bearer ${api.key}`,
    });
  }, 300_000);

  afterAll(async () => {
    await client?.close();
    await prism?.stop();
  });

  it('Prism accepts at least 99% of the requests the tools send', async () => {
    const tools = fixedSample(await allTools(client), MAX_CALLS_PER_DOCUMENT);
    const upstreamCalls: string[] = [];
    const refused: string[] = [];
    for (const tool of tools) {
      const args = sampleArguments(tool.inputSchema as Record<string, unknown>);
      const before = prism.requestCount();
      try {
        await client.callTool({ name: tool.name, arguments: args });
      } catch (err) {
        refused.push(`${tool.name}: ${(err as Error).message.slice(0, 200)}`);
      }
      if (prism.requestCount() === before) {
        // Prism logs through a pipe; give the line a moment before deciding no request came.
        await expect
          .poll(() => prism.requestCount(), { timeout: 500 })
          .toBeGreaterThan(before)
          .catch(() => undefined);
      }
      if (prism.requestCount() > before)
        upstreamCalls.push(`${tool.name}(${JSON.stringify(args).slice(0, 160)})`);
    }
    const log = prism.requests();
    const rejected = log
      .map((entry, i) => ({ entry, call: upstreamCalls[i] ?? '?' }))
      .filter(({ entry }) => entry.violations.length > 0)
      .map(({ entry, call }) => `${call} -> ${entry.request}: ${entry.violations.join('; ')}`);
    const acceptance = log.length === 0 ? 0 : (log.length - rejected.length) / log.length;
    summary.push(
      `  ${doc.name.padEnd(18)} ${String(tools.length).padStart(4)} calls  ${String(log.length).padStart(4)} requests  ${String(rejected.length).padStart(3)} rejected  ${String(refused.length).padStart(3)} refused by the gateway  ${(acceptance * 100).toFixed(1)}%`,
    );
    if (rejected.length > 0 || refused.length > 0) {
      process.stdout.write(
        `\n${doc.name}: rejected by Prism\n  ${rejected.join('\n  ')}\n${doc.name}: refused before the upstream\n  ${refused.join('\n  ')}\n`,
      );
    }
    expect(log.length).toBeGreaterThan(0);
    expect(acceptance, rejected.join('\n')).toBeGreaterThanOrEqual(MIN_ACCEPTANCE);
    expect(refused.length / tools.length, refused.join('\n')).toBeLessThanOrEqual(
      1 - MIN_ACCEPTANCE,
    );
  }, 600_000);
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Client } from '@modelcontextprotocol/client';
import { type PrismMock, startPrism } from '@portico/devkit';
import { type Platform, startPlatform } from '@portico/local';
import { convertOpenApi, type ManifestTool } from '@portico/openapi-to-mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sampleArguments } from '../support/arguments.js';
import { ControlApi } from '../support/control-api.js';
import { credentialFor } from '../support/credentials.js';
import { connectMcp } from '../support/mcp.js';
import { prismRequestView } from '../support/prism-view.js';
import { CORPUS_DOCUMENTS, type CorpusDocument, MAX_CALLS_PER_DOCUMENT } from './documents.js';
import { prismLimitation } from './prism-limitations.js';

/**
 * Issue 3's corpus test: for each real document, Prism mocks the API from that same document and
 * judges every request it receives against it; Portico converts the document, and the MCP client
 * calls every tool (a fixed sample for the largest) with arguments sampled from its inputSchema.
 * At least 99% of the requests must pass Prism's validation; each rejected one is listed.
 * Rejections that a documented Prism 5.16 parser limitation fully explains (prism-limitations.ts,
 * each rule checked against the arguments actually sent) are listed apart and not counted.
 */
const MIN_ACCEPTANCE = 0.99;
const work = mkdtempSync(join(tmpdir(), 'portico-corpus-'));
let platform: Platform;
let api: ControlApi;
const summary: string[] = [];
const totals = { calls: 0, notSent: [] as string[] };

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

/** The document as files: the original (for Portico) and what Prism loads, plus its JSON. */
function materialize(doc: CorpusDocument): {
  path: string;
  prismPath: string;
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
  if (!doc.prismRequestView) return { path, prismPath: path, text, parsed };
  const prismPath = path.replace(/(\.\w+)$/, '.prism$1');
  writeFileSync(prismPath, JSON.stringify(prismRequestView(parsed)));
  return { path, prismPath, text, parsed };
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
  // The same conversion the control API does, to read each tool's HTTP binding when judging.
  let bindings: Map<string, ManifestTool>;

  beforeAll(async () => {
    const { path, prismPath, text, parsed } = materialize(doc);
    bindings = new Map(convertOpenApi(text).manifest.tools.map((t) => [t.name, t]));
    prism = await startPrism(prismPath, { readyTimeoutMs: 240_000 });
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
    const upstreamCalls: { name: string; args: Record<string, unknown> }[] = [];
    const notSent: string[] = [];
    for (const tool of tools) {
      const args = sampleArguments(tool.inputSchema as Record<string, unknown>);
      const before = prism.requestCount();
      let outcome = '';
      try {
        const result = await client.callTool({ name: tool.name, arguments: args });
        outcome = JSON.stringify(result.content).slice(0, 200);
      } catch (err) {
        outcome = (err as Error).message.slice(0, 200);
      }
      if (prism.requestCount() === before) {
        // Prism logs through a pipe; give the line a moment before deciding no request came.
        await expect
          .poll(() => prism.requestCount(), { timeout: 500 })
          .toBeGreaterThan(before)
          .catch(() => undefined);
      }
      if (prism.requestCount() > before) {
        upstreamCalls.push({ name: tool.name, args });
      } else {
        notSent.push(`${tool.name}: ${outcome}`);
      }
    }
    const log = prism.requests();
    const rejected: string[] = [];
    const limited: string[] = [];
    log.forEach((entry, i) => {
      if (entry.violations.length === 0) return;
      const call = upstreamCalls[i];
      const line = `${call?.name}(${JSON.stringify(call?.args).slice(0, 160)}) -> ${entry.request}: ${entry.violations.join('; ')}`;
      const limitation = call
        ? prismLimitation({
            tool: bindings.get(call.name),
            args: call.args,
            violations: entry.violations,
          })
        : undefined;
      if (limitation) limited.push(`[${limitation}] ${line}`);
      else rejected.push(line);
    });
    const acceptance = log.length === 0 ? 0 : (log.length - rejected.length) / log.length;
    totals.calls += tools.length;
    totals.notSent.push(...notSent.map((line) => `${doc.name}: ${line}`));
    summary.push(
      `  ${doc.name.padEnd(18)} ${String(tools.length).padStart(4)} calls  ${String(log.length).padStart(4)} requests  ${String(rejected.length).padStart(3)} rejected  ${String(limited.length).padStart(3)} Prism limitations  ${String(notSent.length).padStart(3)} not sent  ${(acceptance * 100).toFixed(1)}% accepted`,
    );
    if (rejected.length > 0) {
      process.stdout.write(`\n${doc.name}: rejected by Prism\n  ${rejected.join('\n  ')}\n`);
    }
    if (limited.length > 0) {
      process.stdout.write(
        `\n${doc.name}: rejected through a Prism 5.16 limitation\n  ${limited.join('\n  ')}\n`,
      );
    }
    expect(log.length).toBeGreaterThan(0);
    expect(acceptance, rejected.join('\n')).toBeGreaterThanOrEqual(MIN_ACCEPTANCE);
  }, 600_000);
});

describe('the whole corpus', () => {
  // json-schema-faker sometimes samples values its schema forbids (a value matching two oneOf
  // branches, a pattern with a length bound); the gateway rightly refuses those before any request.
  // They are listed, and bounded so a generator schema that no value can satisfy would show here.
  it('sends at least 99% of the sampled calls to the upstream', () => {
    if (totals.notSent.length > 0) {
      process.stdout.write(`\nnot sent to the upstream\n  ${totals.notSent.join('\n  ')}\n`);
    }
    expect(totals.calls).toBeGreaterThan(1000);
    expect(totals.notSent.length / totals.calls, totals.notSent.join('\n')).toBeLessThanOrEqual(
      1 - MIN_ACCEPTANCE,
    );
  });
});

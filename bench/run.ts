/**
 * `pnpm bench`: one run on this machine, reported as figures and ratios measured in the same run.
 *   (a) the upstream directly, (b) a plain fastify+undici proxy to it, (c) the gateway's tools/call
 *   to it — requests/s and p50/p99 latency each, and c/b; then the generator on GitHub's
 *   description. Load goes only to 127.0.0.1 and every run is bounded (BENCH_SECONDS, default 8).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startDynamoDbLocal } from '@portico/devkit';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TSX = ['--import', 'tsx', '--conditions=@portico/source'];

interface Targets {
  upstream: string;
  proxy: string;
  gateway: string;
  key: string;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function child(script: string, args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [...TSX, script, ...args], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstLine(proc: ReturnType<typeof spawn>): Promise<string> {
  if (!proc.stdout) throw new Error('no stdout');
  const rl = createInterface({ input: proc.stdout });
  for await (const line of rl) return line;
  throw new Error('child exited before printing its result');
}

async function load(opts: autocannon.Options): Promise<Figures> {
  await autocannon({ ...opts, duration: 2, connections: CONNECTIONS }); // warm-up
  const r = await autocannon({ ...opts, duration: SECONDS, connections: CONNECTIONS });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const ddb = await startDynamoDbLocal();
const targets = child('targets.ts', [ddb.endpoint]);
try {
  const t = JSON.parse(await firstLine(targets)) as Targets;
  const toolCall = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'getItem', arguments: { itemId: 7, fields: 'all' } },
  });
  const gatewayHeaders = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-11-25',
    authorization: `Bearer ${t.key}`,
  };
  const probe = await fetch(t.gateway, { method: 'POST', headers: gatewayHeaders, body: toolCall });
  const probeText = await probe.text();
  if (probe.status !== 200 || !probeText.includes('widget')) {
    throw new Error(`gateway tools/call probe failed: ${probe.status} ${probeText}`);
  }

  const a = await load({ url: t.upstream });
  const b = await load({
    url: t.proxy,
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  const c = await load({ url: t.gateway, method: 'POST', body: toolCall, headers: gatewayHeaders });
  targets.kill('SIGTERM');

  const gen = JSON.parse(await firstLine(child('generator.ts', ['3']))) as {
    github: { bytes: number; times: number[]; tools: number; peakRssMiB: number };
    corpus: {
      documents: number;
      operations: number;
      tools: number;
      totalMs: number;
      slowest: { file: string; ms: number }[];
    };
    peakRssMiB: number;
  };
  const row = (name: string, f: Figures): string =>
    `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}  errors ${f.errors}`;
  const sorted = [...gen.github.times].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const lines = [
    `Portico bench: ${SECONDS} s per target, ${CONNECTIONS} connections, Node ${process.version}`,
    row('(a) upstream directly', a),
    row('(b) fastify + undici proxy', b),
    row('(c) gateway tools/call', c),
    `ratio c/b (throughput)             ${(c.rps / b.rps).toFixed(2)}`,
    `ratio b/a (throughput)             ${(b.rps / a.rps).toFixed(2)}`,
    `generator, GitHub (${(gen.github.bytes / 1e6).toFixed(1)} MB, ${gen.github.tools} tools): median ${median.toFixed(0)} ms (runs ${gen.github.times.map((x) => x.toFixed(0)).join(', ')} ms), peak RSS ${gen.github.peakRssMiB.toFixed(0)} MiB`,
    `generator, all ${gen.corpus.documents} real documents (${gen.corpus.operations} operations, ${gen.corpus.tools} tools): ${gen.corpus.totalMs.toFixed(0)} ms in total, peak RSS ${gen.peakRssMiB.toFixed(0)} MiB; slowest ${gen.corpus.slowest.map((d) => `${d.file} ${d.ms.toFixed(0)} ms`).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  targets.kill('SIGTERM');
  await ddb.stop();
}

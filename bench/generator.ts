/**
 * Generator benchmark, in its own process so peak memory is the conversion's. Prints one JSON line:
 * - GitHub's REST API description (13 MB, 1,223 operations) converted `runs` times: each run's ms;
 * - the 77 documents of test/fixtures/openapi/corpus converted once each: total ms, operation and
 *   tool counts, and the slowest documents;
 * - the process's peak RSS (MiB) over both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertOpenApi } from '@portico/openapi-to-mcp';

const runs = Number(process.argv[2] ?? 3);
const realDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'openapi', 'corpus');
const read = (path: string): Buffer => {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
};

const github = read(
  join(
    import.meta.dirname,
    '..',
    'packages',
    'store',
    'test',
    'fixtures',
    'api.github.com.json.gz',
  ),
);
const times: number[] = [];
let githubTools = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const { manifest } = await convertOpenApi(github);
  times.push(performance.now() - start);
  githubTools = manifest.tools.length;
}
const githubPeakRssMiB = process.resourceUsage().maxRSS / 1024;

const files = readdirSync(realDir).sort();
const perDocument: { file: string; ms: number }[] = [];
let operations = 0;
let tools = 0;
let totalMs = 0;
for (const file of files) {
  const document = read(join(realDir, file));
  const start = performance.now();
  const { report } = await convertOpenApi(document);
  const ms = performance.now() - start;
  totalMs += ms;
  perDocument.push({ file, ms });
  operations += report.counts.operations;
  tools += report.counts.converted + report.counts.renamed;
}
const slowest = perDocument.sort((a, b) => b.ms - a.ms).slice(0, 3);
process.stdout.write(
  `${JSON.stringify({
    github: { bytes: github.length, times, tools: githubTools, peakRssMiB: githubPeakRssMiB },
    corpus: { documents: files.length, operations, tools, totalMs, slowest },
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);

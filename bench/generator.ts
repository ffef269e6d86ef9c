/**
 * Generator benchmark, in its own process so peak memory is the conversion's: converts GitHub's
 * REST API description (13 MB, 1,223 operations) `runs` times and prints one JSON line with each
 * run's time (ms), the tool count and the process's peak RSS (MiB).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertOpenApi } from '@portico/openapi-to-mcp';

const runs = Number(process.argv[2] ?? 3);
const file = join(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'openapi',
  'real',
  'api.github.com.json.gz',
);
const document = gunzipSync(readFileSync(file));
const times: number[] = [];
let tools = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const { manifest } = await convertOpenApi(document);
  times.push(performance.now() - start);
  tools = manifest.tools.length;
}
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ bytes: document.length, times, tools, peakRssMiB })}\n`);

/**
 * Prints how long converting GitHub's REST API description takes (13 MB, 1,223 operations).
 * Run from the repo root: `npx tsx packages/openapi-to-mcp/scripts/time-github.ts`.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { convertOpenApi } from '../src/index.js';

const bytes = gunzipSync(readFileSync('packages/store/test/fixtures/api.github.com.json.gz'));
for (let run = 1; run <= 3; run++) {
  const start = performance.now();
  const { manifest, report } = convertOpenApi(bytes);
  const ms = performance.now() - start;
  const size = JSON.stringify(manifest).length;
  console.log(
    `run ${run}: ${ms.toFixed(0)} ms, ${report.counts.operations} operations, ${manifest.tools.length} tools, manifest ${(size / 1e6).toFixed(1)} MB`,
  );
}

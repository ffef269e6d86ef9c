import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChild, waitUntilReady } from './child.js';
import { freePort } from './ports.js';

/** One request as Prism logged it: `get /pets` and the violations it found in it (if any). */
export interface PrismRequestLog {
  request: string;
  violations: string[];
}

/** A running Prism mock server of one OpenAPI document. */
export interface PrismMock {
  /** `http://127.0.0.1:<port>`: use as the upstream base URL. */
  url: string;
  port: number;
  /**
   * Prism's log lines that report a request it judged invalid against the document (parameters,
   * body, security requirements; it answers those with 422, 401 or the document's own 4xx).
   * Responses Prism generates are not judged. Tests assert this stays empty.
   */
  violations(): string[];
  /** How many requests Prism has received so far. */
  requestCount(): number;
  /** Every request received so far, in order, with the violations Prism logged for each. */
  requests(): PrismRequestLog[];
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * Starts `prism mock` on 127.0.0.1 for the OpenAPI document at `specPath` (JSON or YAML file).
 * Prism validates every request against the document, which makes it a judge of request mapping.
 * `dynamic: false` (default) answers with the documents' examples or schema-derived static data.
 * Ready in ~2-3 s for small documents (GitHub's 13 MB takes longer); throws if not ready within
 * `readyTimeoutMs` (default 60 s).
 */
export async function startPrism(
  specPath: string,
  options: { port?: number; dynamic?: boolean; readyTimeoutMs?: number } = {},
): Promise<PrismMock> {
  const port = options.port ?? (await freePort());
  const cli = join(
    dirname(require.resolve('@stoplight/prism-cli/package.json')),
    'dist',
    'index.js',
  );
  // No `--errors`: it also fails requests when Prism's own generated response breaks the document,
  // which says nothing about the request. Invalid requests still get a 422 (or the document's
  // own 4xx) and a logged violation.
  const args = [cli, 'mock', '-h', '127.0.0.1', '-p', String(port)];
  if (options.dynamic) args.push('--dynamic');
  args.push(specPath);
  const child = startChild(`Prism (${specPath})`, process.execPath, args, {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  // Prism logs a request's validation lines after its `Request received` line and before the next
  // one, so grouping by that marker attributes each violation to its request.
  const log: PrismRequestLog[] = [];
  child.onLine((line) => {
    const received = /\[HTTP SERVER\] (\S+ \S+) .*Request received/.exec(line);
    if (received?.[1]) {
      log.push({ request: received[1], violations: [] });
    } else if (
      /did not pass the validation|\[VALIDATOR\]\s+\S+\s+error/.test(line) &&
      !line.includes('Violation: response')
    ) {
      // Prism marks a rejected request with a warning, then one error line per problem (some
      // repeated as `Violation: ...`). Keep each problem once, without timestamp and level.
      const entry = log.at(-1);
      const message = line.replace(/^.*\[VALIDATOR\]\s+\S+\s+(?:warning|error)\s+/, '');
      const problem = message.replace(/^Violation: request(?:\.\w+)? /, '');
      if (entry && !entry.violations.some((v) => v.endsWith(problem))) {
        entry.violations.push(message);
      }
    }
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, async () => /Prism is listening/i.test(child.output()), {
    timeoutMs: options.readyTimeoutMs ?? 60_000,
  });
  return {
    url,
    port,
    violations: () => log.flatMap((r) => r.violations),
    requestCount: () => log.length,
    requests: () => log.map((r) => ({ request: r.request, violations: [...r.violations] })),
    stop: () => child.stop(),
  };
}

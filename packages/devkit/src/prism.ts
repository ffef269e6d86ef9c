import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChild, waitUntilReady } from './child.js';
import { freePort } from './ports.js';

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
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * Starts `prism mock` on 127.0.0.1 for the OpenAPI document at `specPath` (JSON or YAML file).
 * Prism validates every request against the document, which makes it a judge of request mapping.
 * `dynamic: false` (default) answers with the documents' examples or schema-derived static data.
 * Ready in ~2-3 s; throws if not ready within 60 s.
 */
export async function startPrism(
  specPath: string,
  options: { port?: number; dynamic?: boolean } = {},
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
  const violations: string[] = [];
  let requests = 0;
  child.onLine((line) => {
    if (line.includes('Request received')) requests++;
    if (/Violation: request|did not pass the validation|Invalid security scheme/.test(line)) {
      violations.push(line);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, async () => /Prism is listening/i.test(child.output()), {
    timeoutMs: 60_000,
  });
  return {
    url,
    port,
    violations: () => [...violations],
    requestCount: () => requests,
    stop: () => child.stop(),
  };
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A native app's loopback redirect receiver (RFC 8252 section 7.3). */
export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback` */
  redirectUri: string;
  /** The query of the next request to the callback path (code, state, iss, or error). */
  next(): Promise<URLSearchParams>;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (a free port) for authorization responses, as a desktop MCP client does.
 * Answers the browser with a plain "you can close this window" page.
 */
export async function startLoopbackCallback(path = '/callback'): Promise<LoopbackCallback> {
  const waiting: ((q: URLSearchParams) => void)[] = [];
  const arrived: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    const resolve = waiting.shift();
    if (resolve) resolve(url.searchParams);
    else arrived.push(url.searchParams);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<p>Signed in. You can close this window.</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    next: () => {
      const ready = arrived.shift();
      return ready ? Promise.resolve(ready) : new Promise((r) => waiting.push(r));
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

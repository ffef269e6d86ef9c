import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { REDIRECT } from './oauth-helpers.js';

/** What the metadata server answers for one path. */
export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * An https server on 127.0.0.1 (self-signed certificate for that IP, made per run) serving client
 * metadata documents, counting requests per path so tests can prove what was (not) fetched.
 */
export interface MetadataServer {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, for `cimd.allowHosts`. */
  host: string;
  /** PEM of the certificate, for `cimd.ca`. */
  ca: string;
  /** Serves `response` at `path`. */
  serve(path: string, response: CannedResponse): void;
  /** Serves a valid document for `path` (its client_id = origin + path), `overrides` merged in. */
  serveDocument(
    path: string,
    overrides?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): string;
  /** Requests received for `path`. */
  hits(path: string): number;
  /** TLS connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

export async function startMetadataServer(): Promise<MetadataServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const routes = new Map<string, CannedResponse>();
  const hits = new Map<string, number>();
  let connections = 0;
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const canned = routes.get(path) ?? { status: 404, body: 'not found' };
    res.writeHead(canned.status ?? 200, canned.headers ?? {});
    res.end(canned.body ?? '');
  });
  server.on('secureConnection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `https://127.0.0.1:${port}`;
  const serve = (path: string, response: CannedResponse) => {
    routes.set(path, response);
  };
  return {
    origin,
    host: `127.0.0.1:${port}`,
    ca: pems.cert,
    serve,
    serveDocument(path, overrides = {}, headers = {}) {
      const clientId = `${origin}${path}`;
      serve(path, {
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          client_id: clientId,
          client_name: 'Acme Desktop',
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
          ...overrides,
        }),
      });
      return clientId;
    },
    hits: (path) => hits.get(path) ?? 0,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/** A local server that counts TCP connections, so a test can prove none was made. */
export interface LocalServer {
  url: string;
  port: number;
  connections(): number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(server: Server, scheme: 'http' | 'https'): Promise<LocalServer> {
  let connections = 0;
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An http server on 127.0.0.1 (random port) answering with `handler`. */
export function startHttp(handler: Handler): Promise<LocalServer> {
  return listen(createHttpServer(handler), 'http');
}

/** A self-signed certificate for 127.0.0.1 (EC P-256, IP SAN), generated per run. */
export async function localCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** An https server on 127.0.0.1 with `tls` as its certificate. */
export function startHttps(
  tls: { key: string; cert: string },
  handler: Handler,
): Promise<LocalServer> {
  return listen(createHttpsServer(tls, handler) as unknown as Server, 'https');
}

import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/** An HTTPS origin on 127.0.0.1 publishing one Client ID Metadata Document. */
export interface ClientMetadataHost {
  /** The document's URL, which is also the client_id: `https://127.0.0.1:<port>/<path>`. */
  clientId: string;
  /** `127.0.0.1:<port>`: the host the auth service must be allowed to fetch from. */
  host: string;
  /** The self-signed certificate (PEM) the fetcher must trust. */
  ca: string;
  /** How many times the document was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/**
 * Serves the client's metadata document (draft-ietf-oauth-client-id-metadata-document) over TLS
 * with a fresh self-signed certificate for 127.0.0.1, as an MCP client vendor hosts it on its
 * website. `document(clientId)` builds the JSON (its `client_id` must be the URL itself).
 */
export async function startClientMetadataHost(
  document: (clientId: string) => Record<string, unknown>,
  path = '/oauth/client-metadata.json',
): Promise<ClientMetadataHost> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  let fetches = 0;
  let clientId = '';
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' })
      .end(JSON.stringify(document(clientId)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  clientId = `https://127.0.0.1:${port}${path}`;
  return {
    clientId,
    host: `127.0.0.1:${port}`,
    ca: pems.cert,
    fetches: () => fetches,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

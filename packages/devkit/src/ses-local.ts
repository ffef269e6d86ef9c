import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChild, waitUntilReady } from './child.js';
import { freePort } from './ports.js';

/** One message as the SES stand-in stores it (subset of its `/store` answer). */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds. */
  at: number;
}

/** A running SES stand-in (`aws-ses-v2-local`). `endpoint` is `http://127.0.0.1:<port>`. */
export interface SesLocal {
  endpoint: string;
  port: number;
  /** Messages received since `sinceEpochSeconds` (all when omitted). */
  mailbox(sinceEpochSeconds?: number): Promise<StoredEmail[]>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

// The stand-in wants an AWS-style Authorization header on every request; any credentials do.
const DUMMY_AUTH = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0',
};

/**
 * Reads the mailbox of an SES stand-in at `endpoint` (its `GET /store`): messages received since
 * `sinceEpochSeconds` (all when omitted), oldest first. Throws if the stand-in does not answer 200.
 */
export async function readSesMailbox(
  endpoint: string,
  sinceEpochSeconds?: number,
): Promise<StoredEmail[]> {
  const query = sinceEpochSeconds === undefined ? '' : `?since=${sinceEpochSeconds}`;
  const res = await fetch(`${endpoint}/store${query}`, { headers: DUMMY_AUTH });
  if (!res.ok) throw new Error(`SES stand-in /store answered ${res.status}`);
  const body = (await res.json()) as { emails: StoredEmail[] };
  return body.emails;
}

/**
 * Starts the SES stand-in bound to 127.0.0.1. Mail sent to it with `@aws-sdk/client-ses` is
 * readable through `mailbox()`. Throws if it is not ready within 30 s.
 */
export async function startSesLocal(options: { port?: number } = {}): Promise<SesLocal> {
  const port = options.port ?? (await freePort());
  const cli = join(dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
  const child = startChild('SES stand-in', process.execPath, [
    cli,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ]);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(
    child,
    async () => (await fetch(`${endpoint}/health-check`, { headers: DUMMY_AUTH })).ok,
    { timeoutMs: 30_000 },
  );
  return {
    endpoint,
    port,
    mailbox: (since) => readSesMailbox(endpoint, since),
    clear: async () => {
      await fetch(`${endpoint}/clear-store`, { method: 'POST', headers: DUMMY_AUTH });
    },
    stop: () => child.stop(),
  };
}

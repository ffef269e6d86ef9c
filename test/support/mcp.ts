import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/**
 * Connects the official MCP SDK client (v2) over Streamable HTTP to `url`, sending `headers`
 * (e.g. the API key) on every request. Resolves once initialization completed.
 */
export async function connectMcp(
  url: string,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: 'portico-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return client;
}

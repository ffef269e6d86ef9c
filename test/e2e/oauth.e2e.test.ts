import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  auth,
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInOnAuthorizePage } from '../support/browser.js';
import {
  type ClientMetadataHost,
  startClientMetadataHost,
} from '../support/client-metadata-host.js';
import { ControlApi } from '../support/control-api.js';
import { type LoopbackCallback, startLoopbackCallback } from '../support/loopback-callback.js';
import { RecordingOAuthProvider } from '../support/oauth-provider.js';
import { type E2eStack, FIXTURES, startE2eStack } from '../support/stack.js';

/**
 * The whole MCP authorization flow as a desktop MCP client runs it, against the local platform:
 * the SDK client's OAuth support (401 -> RFC 9728 / RFC 8414 discovery -> client registration ->
 * PKCE authorization request), Portico's authorize page in headless Chromium (email -> code read
 * from the SES stand-in -> consent), the loopback redirect, the token exchange, tools/call with the
 * access token, a refresh, and the end user's record as the org sees it in the control API.
 * Once with a Client ID Metadata Document (served over TLS on 127.0.0.1), once with dynamic client
 * registration (RFC 7591).
 */
let stack: E2eStack;
let api: ControlApi;
let browser: Browser;
let callback: LoopbackCallback;
let cimdHost: ClientMetadataHost;
let slug: string;
let mcpUrl: string;

beforeAll(async () => {
  callback = await startLoopbackCallback();
  cimdHost = await startClientMetadataHost((clientId) => ({
    client_id: clientId,
    client_name: 'Portico E2E Desktop',
    redirect_uris: [callback.redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }));
  stack = await startE2eStack(
    { uber: 'uber.swagger2.yaml' },
    { cimd: { allowHosts: [cimdHost.host], ca: cimdHost.ca } },
  );
  browser = await launchChromium();
  const anonymous = new ControlApi(stack.platform.url);
  api = anonymous.as((await anonymous.signup(`oauth ${randomBytes(4).toString('hex')}`)).key);
  slug = `e2e-oauth-${randomBytes(3).toString('hex')}`;
  const created = await api.request('POST', '/servers', {
    slug,
    name: 'Uber rides',
    access: 'end_user',
  });
  expect(created.status).toBe(201);
  expect((await api.upload(slug, join(FIXTURES, 'uber.swagger2.yaml'))).status).toBe(201);
  const upstream = await api.request('PUT', `/servers/${slug}/upstream`, {
    baseUrl: stack.prisms.get('uber')?.url,
    credential: { type: 'query', name: 'server_token', value: 'e2e-token' },
  });
  expect(upstream.status).toBe(200);
  mcpUrl = `${stack.platform.url}/s/${slug}/mcp`;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await callback?.close();
  await cimdHost?.close();
});

async function connect(provider: RecordingOAuthProvider): Promise<Client> {
  const client = new Client({ name: 'portico-e2e-oauth', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }),
  );
  return client;
}

describe.each([
  { registration: 'Client ID Metadata Document', cimd: true },
  { registration: 'dynamic client registration', cimd: false },
])('an MCP client signs its user in with $registration', ({ cimd }) => {
  const email = `rider-${cimd ? 'cimd' : 'dcr'}-${randomBytes(3).toString('hex')}@example.com`;

  it('runs 401 -> discovery -> registration -> authorize page -> token -> tools/call -> refresh', async () => {
    // 401 with the protected resource metadata's URL (RFC 9728 section 5.1).
    const anonymous = await fetch(mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain(
      `resource_metadata="${stack.platform.url}/.well-known/oauth-protected-resource/s/${slug}/mcp"`,
    );

    const provider = new RecordingOAuthProvider(
      callback.redirectUri,
      'Portico E2E Desktop',
      cimd ? cimdHost.clientId : undefined,
    );
    const first = new Client({ name: 'portico-e2e-oauth', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
      authProvider: provider,
    });
    await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);

    const [authorizeUrl] = provider.authorizationUrls;
    if (!authorizeUrl) throw new Error('the SDK asked to open no authorization URL');
    const clientId = authorizeUrl.searchParams.get('client_id');
    if (cimd) expect(clientId).toBe(cimdHost.clientId);
    else expect(clientId).toMatch(/^cli_/);
    expect(authorizeUrl.searchParams.get('resource')).toBe(mcpUrl);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');

    const page = await browser.newPage();
    const transcript = await signInOnAuthorizePage(page, {
      authorizeUrl: authorizeUrl.toString(),
      email,
      sesEndpoint: stack.platform.sesEndpoint,
    });
    await page.close();
    expect(transcript.consentText).toContain('Portico E2E Desktop');
    expect(transcript.consentText).toContain('Uber rides');
    if (cimd) expect(transcript.consentText).toContain(cimdHost.host);

    const response = await callback.next();
    expect(response.get('error')).toBeNull();
    expect(response.get('iss')).toBe(stack.platform.url);
    await transport.finishAuth(response);

    const client = await connect(provider);
    const listed = await client.listTools();
    expect(listed.tools.map((t) => t.name)).toContain('get_products');
    const called = await client.callTool({
      name: 'get_products',
      arguments: { latitude: 37.77, longitude: -122.41 },
    });
    expect(called.isError).toBeFalsy();
    await client.close();

    // Refresh (OAuth 2.1 section 4.3): the SDK trades the refresh token for a new pair.
    const before = provider.tokens();
    expect(before?.refresh_token).toBeTruthy();
    expect(await auth(provider, { serverUrl: mcpUrl })).toBe('AUTHORIZED');
    const after = provider.tokens();
    expect(after?.access_token).not.toBe(before?.access_token);
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    const again = await connect(provider);
    expect((await again.callTool({ name: 'get_me', arguments: {} })).isError).toBeFalsy();
    await again.close();

    // The org sees its end user: one sign-in, first and last seen.
    const found = await api.request<{
      items: {
        endUserId: string;
        email: string;
        loginCount: number;
        firstSeenAt: string;
        lastSeenAt: string;
      }[];
    }>('GET', `/servers/${slug}/end-users?email=${encodeURIComponent(email)}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    const [endUser] = found.body.items;
    expect(endUser?.email).toBe(email);
    expect(endUser?.loginCount).toBe(1);
    expect(Date.parse(endUser?.firstSeenAt ?? '')).toBeLessThanOrEqual(
      Date.parse(endUser?.lastSeenAt ?? ''),
    );
  });
});

describe('Client ID Metadata Documents', () => {
  it('are fetched once and then served from the cache', () => {
    expect(cimdHost.fetches()).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ProtocolError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlApi } from '../support/control-api.js';
import { connectMcp } from '../support/mcp.js';
import { type E2eStack, FIXTURES, startE2eStack } from '../support/stack.js';

/** What must go wrong cleanly: bad keys, bad arguments, bad documents. */
let stack: E2eStack;
let api: ControlApi;
let other: ControlApi;
let slug: string;
let mcpUrl: string;

const initialize = (protocolVersion = '2025-11-25') => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

async function postMcp(headers: Record<string, string>): Promise<Response> {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(initialize()),
  });
}

beforeAll(async () => {
  stack = await startE2eStack({ uber: 'uber.swagger2.yaml' });
  const anonymous = new ControlApi(stack.platform.url);
  api = anonymous.as((await anonymous.signup(`failures ${randomBytes(4).toString('hex')}`)).key);
  other = anonymous.as((await anonymous.signup(`other ${randomBytes(4).toString('hex')}`)).key);
  slug = `e2e-fail-${randomBytes(3).toString('hex')}`;
  await api.request('POST', '/servers', { slug, name: 'failures', access: 'api_key' });
  const upload = await api.upload(slug, join(FIXTURES, 'uber.swagger2.yaml'));
  expect(upload.status).toBe(201);
  const prism = stack.prisms.get('uber');
  await api.request('PUT', `/servers/${slug}/upstream`, {
    baseUrl: prism?.url,
    credential: { type: 'query', name: 'server_token', value: 'e2e-token' },
  });
  mcpUrl = `${stack.platform.url}/s/${slug}/mcp`;
});

afterAll(async () => {
  await stack?.stop();
});

describe('API keys at the gateway', () => {
  it("answers 401 without a key, with a malformed key, and with another organization's key", async () => {
    expect((await postMcp({})).status).toBe(401);
    expect((await postMcp({ authorization: 'Bearer ptk_notarealkey' })).status).toBe(401);
    const foreign = await postMcp({ authorization: `Bearer ${other.key}` });
    expect(foreign.status).toBe(401);
    expect(foreign.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await foreign.json()) as { error?: { code: number } };
    expect(body.error?.code).toBeTypeOf('number');
  });

  it("accepts the organization's key as a bearer token or x-api-key", async () => {
    expect((await postMcp({ authorization: `Bearer ${api.key}` })).status).toBe(200);
    expect((await postMcp({ 'x-api-key': api.key ?? '' })).status).toBe(200);
  });
});

describe('tool arguments', () => {
  it('rejects wrongly typed arguments as JSON-RPC invalid params without calling the upstream', async () => {
    const prism = stack.prisms.get('uber');
    if (!prism) throw new Error('no Prism');
    const client = await connectMcp(mcpUrl, { authorization: `Bearer ${api.key}` });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('get_estimates_price');
      const before = prism.requestCount();
      const call = client.callTool({
        name: 'get_estimates_price',
        arguments: {
          start_latitude: 'north',
          start_longitude: [],
          end_latitude: {},
          end_longitude: true,
        },
      });
      await expect(call).rejects.toBeInstanceOf(ProtocolError);
      await expect(call).rejects.toMatchObject({ code: -32602 });
      const unknown = client.callTool({ name: 'no_such_tool', arguments: {} });
      await expect(unknown).rejects.toMatchObject({ code: -32602 });
      expect(prism.requestCount()).toBe(before);
    } finally {
      await client.close();
    }
  });
});

describe('spec uploads', () => {
  it('rejects a broken document with 422 and a JSON pointer while the active version keeps serving', async () => {
    const client = await connectMcp(mcpUrl, { authorization: `Bearer ${api.key}` });
    try {
      const before = (await client.listTools()).tools.map((t) => t.name);
      const res = await api.upload(slug, join(FIXTURES, 'broken-external-ref.yaml'));
      expect(res.status).toBe(422);
      const error = res.body.error as { code: string; details: { pointer: string } };
      expect(error.code).toBe('SPEC_INVALID');
      expect(error.details.pointer).toBe(
        '/paths/~1things/get/responses/200/content/application~1json/schema/$ref',
      );
      const after = (await client.listTools()).tools.map((t) => t.name);
      expect(after).toEqual(before);
      const result = await client.callTool({
        name: 'get_products',
        arguments: { latitude: 1.5, longitude: 2.5 },
      });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});

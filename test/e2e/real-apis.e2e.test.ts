import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArguments } from '../support/arguments.js';
import { ControlApi } from '../support/control-api.js';
import { connectMcp } from '../support/mcp.js';
import { type E2eStack, FIXTURES, startE2eStack } from '../support/stack.js';

/**
 * The platform's main job on real documents: an organization uploads a real OpenAPI document, an
 * MCP client lists the generated tools and calls them, and each call reaches a Prism mock of that
 * same document, which validates every request against the document (a mapping mistake is a 422).
 */
const DOCUMENTS = {
  uber: {
    file: 'uber.swagger2.yaml',
    credential: { type: 'query', name: 'server_token', value: 'e2e-uber-token' },
  },
  circleci: {
    file: 'circleci.openapi30.json',
    credential: { type: 'query', name: 'circle-token', value: 'e2e-circle-token' },
  },
  codat: {
    file: 'codat-sync-for-commerce.openapi31.json',
    credential: { type: 'header', name: 'Authorization', value: 'Basic ZTJlLWtleQ==' },
  },
} as const;

let stack: E2eStack;
let api: ControlApi;

beforeAll(async () => {
  stack = await startE2eStack(
    Object.fromEntries(Object.entries(DOCUMENTS).map(([name, d]) => [name, d.file])),
  );
  const anonymous = new ControlApi(stack.platform.url);
  const org = await anonymous.signup(`e2e ${randomBytes(4).toString('hex')}`);
  api = anonymous.as(org.key);
});

afterAll(async () => {
  await stack?.stop();
});

describe.each(Object.entries(DOCUMENTS))('%s', (name, doc) => {
  it('serves every operation as a tool and every call passes Prism validation', async () => {
    const slug = `e2e-${name}-${randomBytes(3).toString('hex')}`;
    const prism = stack.prisms.get(name);
    if (!prism) throw new Error(`no Prism for ${name}`);

    expect((await api.request('POST', '/servers', { slug, name, access: 'api_key' })).status).toBe(
      201,
    );
    const upload = await api.upload(slug, join(FIXTURES, doc.file));
    expect(upload.status).toBe(201);
    const upstream = await api.request('PUT', `/servers/${slug}/upstream`, {
      baseUrl: prism.url,
      credential: doc.credential,
    });
    expect(upstream.status).toBe(200);

    const client = await connectMcp(`${stack.platform.url}/s/${slug}/mcp`, {
      authorization: `Bearer ${api.key}`,
    });
    try {
      const { tools } = await client.listTools();
      const report = upload.body.report as { counts: { converted: number; renamed: number } };
      expect(tools.length).toBe(report.counts.converted + report.counts.renamed);
      expect(tools.length).toBeGreaterThanOrEqual(5);

      // Prism judges every request against the document. A result with isError is fine when it is
      // a response the document itself declares (circleci's heroku-key only declares a 403).
      const protocolErrors: string[] = [];
      let succeeded = 0;
      for (const tool of tools) {
        const args = sampleArguments(tool.inputSchema as Record<string, unknown>);
        try {
          const result = await client.callTool({ name: tool.name, arguments: args });
          if (!result.isError) succeeded++;
        } catch (err) {
          protocolErrors.push(`${tool.name}(${JSON.stringify(args)}): ${(err as Error).message}`);
        }
      }
      expect(prism.violations()).toEqual([]);
      expect(protocolErrors).toEqual([]);
      expect(succeeded).toBeGreaterThanOrEqual(5);
      expect(prism.requestCount()).toBeGreaterThanOrEqual(tools.length);
    } finally {
      await client.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  convertOpenApi,
  DYNAMIC_MODE_TOOL_THRESHOLD,
  estimateToolListTokens,
  operationKey,
} from '../src/index.js';
import { openapi, tool } from './helpers.js';

const ok = { 200: { description: 'ok' } };

describe('naming, curation and size', () => {
  it('applies x-mcp-name, x-mcp-description and x-mcp-exclude, and copies tags', () => {
    const { manifest, report } = convertOpenApi(
      openapi({
        paths: {
          '/pets': {
            get: {
              operationId: 'listPets',
              'x-mcp-name': 'list pets!',
              'x-mcp-description': 'Lists pets for an assistant.',
              description: 'Long upstream text',
              tags: ['pets', 'read', 'pets'],
              responses: ok,
            },
            post: { operationId: 'createPet', 'x-mcp-exclude': true, responses: ok },
          },
        },
      }),
    );
    expect(manifest.tools.map((t) => t.name)).toEqual(['list_pets']);
    const listed = tool(manifest, 'list_pets');
    expect(listed.description).toBe('Lists pets for an assistant.');
    expect(listed.tags).toEqual(['pets', 'read']);
    expect(report.operations).toEqual([
      expect.objectContaining({
        status: 'renamed',
        tool: 'list_pets',
        reason: 'named by x-mcp-name',
      }),
      expect.objectContaining({ status: 'skipped', reason: 'excluded by x-mcp-exclude' }),
    ]);
  });

  it('gives operation keys with path parameter names erased', () => {
    expect(operationKey('get', '/pets/{petId}')).toBe('GET /pets/{}');
    expect(operationKey('get', '/pets/{id}')).toBe(operationKey('get', '/pets/{petId}'));
  });

  it('keeps the old tool name when a re-upload adds an operation whose operationId collides with it', () => {
    const v1 = convertOpenApi(
      openapi({ paths: { '/pets': { get: { operationId: 'get pets', responses: ok } } } }),
    );
    expect(v1.manifest.tools.map((t) => t.name)).toEqual(['get_pets']);
    const previousNames = Object.fromEntries(
      v1.manifest.tools.map((t) => [operationKey(t.binding.method, t.binding.path), t.name]),
    );
    // v2 puts a new operation first whose valid operationId is exactly the old tool's name.
    const v2 = convertOpenApi(
      openapi({
        paths: {
          '/dogs': { get: { operationId: 'get_pets', responses: ok } },
          '/pets': { get: { operationId: 'get pets', responses: ok } },
        },
      }),
      { previousNames },
    );
    const byPath = Object.fromEntries(v2.manifest.tools.map((t) => [t.binding.path, t.name]));
    expect(byPath).toEqual({ '/pets': 'get_pets', '/dogs': 'get_pets_2' });
    // Without previous names the new operation would have taken it.
    const fresh = convertOpenApi(
      openapi({
        paths: {
          '/dogs': { get: { operationId: 'get_pets', responses: ok } },
          '/pets': { get: { operationId: 'get pets', responses: ok } },
        },
      }),
    );
    expect(fresh.manifest.tools.find((t) => t.binding.path === '/dogs')?.name).toBe('get_pets');
  });

  it('keeps a previous name across an operationId change and a path parameter rename, and says so', () => {
    const { manifest, report } = convertOpenApi(
      openapi({ paths: { '/pets/{petId}': { get: { operationId: 'fetchPet', responses: ok } } } }),
      { previousNames: { 'GET /pets/{}': 'getPet' } },
    );
    expect(manifest.tools.map((t) => t.name)).toEqual(['getPet']);
    expect(report.operations[0]).toMatchObject({
      status: 'renamed',
      reason: 'kept the tool name of the previous version (stable names)',
    });
  });

  it('reports toolCount, a token estimate and a dynamic-mode recommendation above the threshold', () => {
    const paths = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `/r${i}`,
          { get: { operationId: `r${i}`, responses: ok } },
        ]),
      );
    const small = convertOpenApi(openapi({ paths: paths(3) }));
    expect(small.report.toolCount).toBe(3);
    expect(small.report.toolListTokens).toBe(estimateToolListTokens(small.manifest.tools));
    expect(small.report.toolListTokens).toBeGreaterThan(0);
    expect(small.report.recommendation.dynamicMode).toBe(false);
    const large = convertOpenApi(openapi({ paths: paths(DYNAMIC_MODE_TOOL_THRESHOLD + 1) }));
    expect(large.report.recommendation).toEqual({
      dynamicMode: true,
      reason: expect.stringMatching(/81 tools/),
    });
    expect(estimateToolListTokens(large.manifest.tools.slice(0, 3))).toBe(
      small.report.toolListTokens,
    );
  });

  it('keeps binding.servers from operation over path level, with variables from defaults or enum', () => {
    const { manifest } = convertOpenApi(
      openapi({
        servers: [{ url: '/api' }],
        paths: {
          '/a': {
            servers: [{ url: 'https://path.example.com' }],
            get: {
              operationId: 'a',
              servers: [
                { url: 'https://{env}.example.com', variables: { env: { enum: ['prod', 'dev'] } } },
              ],
              responses: ok,
            },
            put: { operationId: 'b', responses: ok },
          },
          '/c': { get: { operationId: 'c', responses: ok } },
        },
      }),
    );
    expect(manifest.servers).toEqual(['/api']);
    expect(tool(manifest, 'a').binding.servers).toEqual(['https://prod.example.com']);
    expect(tool(manifest, 'b').binding.servers).toEqual(['https://path.example.com']);
    expect(tool(manifest, 'c').binding).not.toHaveProperty('servers');
  });
});

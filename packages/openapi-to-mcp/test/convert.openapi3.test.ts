import { describe, expect, it } from 'vitest';
import { convertOpenApi } from '../src/index.js';
import { compile, fixture, openapi, strictAjv, tool } from './helpers.js';

describe('OpenAPI 3.0 and 3.1 documents', () => {
  it('converts the 3.0 petstore with JSON body properties flattened and allOf kept valid', () => {
    const { manifest, report } = convertOpenApi(fixture('v3.0__petstore-expanded.json'));
    expect(report.format).toBe('json');
    expect(report.counts.operations).toBe(4);
    const find = tool(manifest, 'find_pet_by_id');
    expect(find.binding.parameters).toEqual([
      { arg: 'id', name: 'id', in: 'path', required: true },
    ]);
    const add = tool(manifest, 'addPet');
    expect(add.inputSchema.required).toEqual(['name']);
    expect(add.outputSchema).toBeDefined();
    const ajv = strictAjv();
    for (const t of manifest.tools) {
      compile(ajv, t.inputSchema);
      if (t.outputSchema !== undefined) compile(ajv, t.outputSchema);
    }
  });

  it('converts a 3.1 document and warns that webhooks make no tools', () => {
    const { manifest, report } = convertOpenApi(fixture('v3.1__webhook-example.json'));
    expect(report.specVersion).toMatch(/^3\.1/);
    expect(manifest.tools).toEqual([]);
    expect(report.warnings).toContainEqual({ pointer: '/webhooks', message: expect.any(String) });
  });

  it('keeps a recursive schema as a $defs reference that validates nested data', () => {
    const text = openapi({
      paths: {
        '/nodes': {
          post: {
            operationId: 'createNode',
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
            },
            responses: { 200: { description: 'ok' } },
          },
        },
      },
      components: {
        schemas: {
          Node: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
            },
          },
        },
      },
    });
    const { manifest } = convertOpenApi(text);
    const t = tool(manifest, 'createNode');
    expect(t.inputSchema.properties).toEqual({
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#/$defs/Node' } },
    });
    expect(Object.keys(t.inputSchema.$defs as object)).toEqual(['Node']);
    const validate = compile(strictAjv(), t.inputSchema);
    expect(validate({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toBe(
      true,
    );
    expect(validate({ name: 'a', children: [{ children: [] }] })).toBe(false);
  });

  it('turns nullable into a null type, drops OpenAPI-only keywords and readOnly inputs', () => {
    const text = openapi({
      paths: {
        '/x': {
          put: {
            operationId: 'putX',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    discriminator: { propertyName: 'kind' },
                    xml: { name: 'x' },
                    properties: {
                      id: { type: 'string', readOnly: true },
                      kind: { type: 'string', enum: ['a', 'b'], nullable: true, example: 'a' },
                      count: { type: 'integer', minimum: 0, exclusiveMinimum: true, 'x-foo': 1 },
                      when: {
                        type: 'string',
                        format: 'date-time',
                        default: '2020-01-01T00:00:00Z',
                      },
                      odd: { type: 'string', format: 'my-own-format' },
                    },
                    required: ['id', 'kind'],
                  },
                },
              },
            },
            responses: { 204: { description: 'done' } },
          },
        },
      },
    });
    const t = tool(convertOpenApi(text).manifest, 'putX');
    expect(t.inputSchema.properties).toEqual({
      kind: { type: ['string', 'null'], enum: ['a', 'b', null] },
      count: { type: 'integer', exclusiveMinimum: 0 },
      when: { type: 'string', format: 'date-time', default: '2020-01-01T00:00:00Z' },
      odd: { type: 'string' },
    });
    // The body is optional, but a body without `kind` is invalid: its required properties stay required.
    expect(t.inputSchema.required).toEqual(['kind']);
    expect(t.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    compile(strictAjv(), t.inputSchema);
  });

  it('renames colliding parameters and body properties deterministically and notes it', () => {
    const text = openapi({
      paths: {
        '/items/{id}': {
          patch: {
            operationId: 'patchItem',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'id', in: 'query', schema: { type: 'string' } },
              { name: 'filter[status]', in: 'query', schema: { type: 'string' } },
            ],
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id'],
                    properties: { id: { type: 'integer' }, name: { type: 'string' } },
                  },
                },
                'application/xml': { schema: { type: 'object' } },
              },
            },
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    });
    const { manifest, report } = convertOpenApi(text);
    const t = tool(manifest, 'patchItem');
    expect(Object.keys(t.inputSchema.properties as object)).toEqual([
      'id',
      'query_id',
      'filter_status',
      'body_id',
      'name',
    ]);
    expect(t.inputSchema.required).toEqual(['id', 'body_id']);
    expect(t.binding.body?.properties).toEqual({ body_id: 'id', name: 'name' });
    const notes = report.operations[0]?.notes ?? [];
    expect(notes).toContain('query parameter "id" is argument "query_id"');
    expect(notes).toContain('body property "id" is argument "body_id"');
    expect(notes.some((n) => n.includes('sent as application/json'))).toBe(true);
  });

  it('sanitizes, truncates and de-duplicates tool names and keeps them stable', () => {
    const long = `op${'x'.repeat(100)}`;
    const paths: Record<string, unknown> = {
      '/a': {
        get: { operationId: 'list items!', responses: {} },
        post: { operationId: 'dup', responses: {} },
      },
      '/b': {
        get: { operationId: 'dup', responses: {} },
        post: { operationId: long, responses: {} },
      },
      '/c/{cId}': { get: { responses: {} }, put: { operationId: `${long}y`, responses: {} } },
    };
    const text = openapi({ paths });
    const first = convertOpenApi(text);
    const names = first.manifest.tools.map((t) => t.name);
    expect(names.slice(0, 3)).toEqual(['list_items', 'dup', 'dup_2']);
    expect(names[3]).toHaveLength(64);
    expect(names[4]).toBe('get_c_cId');
    expect(names[5]).toHaveLength(64);
    expect(names[5]).not.toBe(names[3]);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    expect(first.report.operations[2]).toMatchObject({
      status: 'renamed',
      reason: expect.stringMatching(/already used/),
    });
    expect(first.report.counts).toEqual({ operations: 6, converted: 2, renamed: 4, skipped: 0 });
    expect(JSON.stringify(convertOpenApi(text))).toBe(JSON.stringify(first));
    expect(JSON.stringify(convertOpenApi(new TextEncoder().encode(text)).manifest)).toBe(
      JSON.stringify(first.manifest),
    );
  });

  it('skips an operation with a dangling $ref, with its reason and pointer, and converts a multipart one', () => {
    const text = openapi({
      paths: {
        '/upload': {
          post: {
            operationId: 'upload',
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: { type: 'object' } } },
            },
            responses: {},
          },
        },
        '/dangling': {
          get: {
            operationId: 'dangling',
            parameters: [{ $ref: '#/components/parameters/Nope' }],
            responses: {},
          },
        },
      },
    });
    const { manifest, report } = convertOpenApi(text);
    expect(manifest.tools.map((t) => t.name)).toEqual(['upload']);
    expect(report.operations).toEqual([
      expect.objectContaining({ pointer: '/paths/~1upload/post', status: 'converted' }),
      expect.objectContaining({
        pointer: '/paths/~1dangling/get',
        status: 'skipped',
        reason: expect.stringMatching(/unresolvable \$ref/),
      }),
    ]);
    expect(report.counts).toEqual({ operations: 2, converted: 1, renamed: 0, skipped: 1 });
  });

  it('substitutes server variables and keeps operation servers in the binding', () => {
    const text = openapi({
      servers: [
        {
          url: 'https://{region}.api.example.com/{v}',
          variables: { region: { default: 'eu' }, v: { default: 'v2' } },
        },
        { url: '/relative' },
      ],
      paths: {
        '/a': {
          servers: [{ url: 'https://other.example.com' }],
          get: { operationId: 'a', responses: {} },
        },
      },
    });
    const { manifest } = convertOpenApi(text);
    expect(manifest.servers).toEqual(['https://eu.api.example.com/v2', '/relative']);
    expect(tool(manifest, 'a').binding.servers).toEqual(['https://other.example.com']);
  });
});

import { describe, expect, it } from 'vitest';
import { convertOpenApi } from '../src/index.js';
import { openapi, strictAjv, tool } from './helpers.js';

function bodyDoc(schema: unknown, schemas: Record<string, unknown> = {}): string {
  return openapi({
    components: { schemas },
    paths: {
      '/x': {
        post: {
          operationId: 'x',
          requestBody: { required: true, content: { 'application/json': { schema } } },
          responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
        },
      },
    },
  });
}

describe('schema shaping', () => {
  it('merges allOf of refs and inline objects (nested too), so the body flattens into arguments', () => {
    const schemas = {
      Base: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } },
      },
      Mid: {
        allOf: [
          { $ref: '#/components/schemas/Base' },
          { properties: { age: { type: 'integer' } }, required: ['age'] },
        ],
      },
    };
    const { manifest } = convertOpenApi(
      bodyDoc(
        {
          allOf: [
            { $ref: '#/components/schemas/Mid' },
            { type: 'object', properties: { tag: { type: 'string' } } },
          ],
        },
        schemas,
      ),
    );
    const t = tool(manifest, 'x');
    expect(Object.keys(t.inputSchema.properties as object)).toEqual(['name', 'age', 'tag']);
    expect(t.inputSchema.required).toEqual(['age']);
    expect(t.binding.body?.kind).toBe('properties');
    expect(t.outputSchema?.properties).toHaveProperty('id');
    strictAjv().compile(t.inputSchema);
  });

  it('keeps allOf when members cannot be merged (conflicting types, composition)', () => {
    const schema = {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      ],
    };
    const t = tool(convertOpenApi(bodyDoc(schema)).manifest, 'x');
    expect(t.inputSchema.properties).toEqual({
      body: expect.objectContaining({ allOf: expect.any(Array) }),
    });
  });

  it('turns a discriminator mapping into const-constrained oneOf branches a validator can use', () => {
    const schemas = {
      Cat: { type: 'object', properties: { kind: { type: 'string' }, purrs: { type: 'boolean' } } },
      Dog: { type: 'object', properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } },
    };
    const pet = {
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
      discriminator: {
        propertyName: 'kind',
        mapping: { cat: '#/components/schemas/Cat', kitty: 'Cat' },
      },
    };
    const t = tool(convertOpenApi(bodyDoc(pet, schemas)).manifest, 'x');
    const body = (t.inputSchema.properties as Record<string, { oneOf: unknown[] }>).body;
    expect(body?.oneOf).toEqual([
      {
        $ref: '#/$defs/Cat',
        type: 'object',
        properties: { kind: { enum: ['cat', 'kitty'] } },
        required: ['kind'],
      },
      {
        $ref: '#/$defs/Dog',
        type: 'object',
        properties: { kind: { const: 'Dog' } },
        required: ['kind'],
      },
    ]);
    const validate = strictAjv().compile(t.inputSchema);
    expect(validate({ body: { kind: 'kitty', purrs: true } })).toBe(true);
    expect(validate({ body: { kind: 'Dog', barks: true } })).toBe(true);
    expect(validate({ body: { kind: 'cow' } })).toBe(false);
  });

  it('keeps 3.1 type arrays and removes writeOnly properties from outputs', () => {
    const doc = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          post: {
            operationId: 'x',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      n: { type: ['string', 'null'] },
                      secret: { type: 'string', writeOnly: true },
                    },
                  },
                },
              },
            },
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        n: { type: ['string', 'null'] },
                        secret: { type: 'string', writeOnly: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    const t = tool(convertOpenApi(doc).manifest, 'x');
    expect(t.inputSchema.properties).toEqual({
      n: { type: ['string', 'null'] },
      secret: { type: 'string', writeOnly: true },
    });
    expect(t.outputSchema?.properties).toEqual({ n: { type: ['string', 'null'] } });
  });

  it('inlines $defs to inlineDepth, cutting recursion with {} and noting it', () => {
    const schemas = {
      Node: {
        type: 'object',
        properties: { value: { type: 'string' }, child: { $ref: '#/components/schemas/Node' } },
      },
    };
    const doc = bodyDoc(
      { type: 'object', properties: { root: { $ref: '#/components/schemas/Node' } } },
      schemas,
    );
    const kept = tool(convertOpenApi(doc).manifest, 'x');
    expect(kept.inputSchema.$defs).toBeDefined();
    const { manifest, report } = convertOpenApi(doc, { inlineDepth: 2 });
    const t = tool(manifest, 'x');
    expect(t.inputSchema.$defs).toBeUndefined();
    expect(JSON.stringify(t.inputSchema)).not.toContain('$ref');
    expect(t.inputSchema.properties).toEqual({
      root: {
        type: 'object',
        properties: {
          value: { type: 'string' },
          child: { type: 'object', properties: { value: { type: 'string' }, child: {} } },
        },
      },
    });
    expect(report.operations[0]?.notes?.join('\n')).toMatch(
      /inputSchema: 1 reference\(s\) deeper than inlineDepth 2/,
    );
    strictAjv().compile(t.inputSchema);
  });
});

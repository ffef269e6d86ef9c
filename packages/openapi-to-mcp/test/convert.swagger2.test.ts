import { describe, expect, it } from 'vitest';
import { convertOpenApi } from '../src/index.js';
import { compile, fixture, strictAjv, tool } from './helpers.js';

describe('Swagger 2.0 documents', () => {
  it('converts Uber (YAML) with servers from host, basePath and schemes', () => {
    const { manifest, report } = convertOpenApi(fixture('v2.0__yaml__uber.yaml'));
    expect(report.format).toBe('yaml');
    expect(report.specVersion).toBe('2.0');
    expect(manifest.servers).toEqual(['https://api.uber.com/v1']);
    expect(report.counts).toEqual({ operations: 5, converted: 5, renamed: 0, skipped: 0 });
    const products = tool(manifest, 'get_products');
    expect(products.inputSchema.required).toEqual(['latitude', 'longitude']);
    expect(products.annotations.readOnlyHint).toBe(true);
  });

  it('reads a bare `$ref: Product` as #/definitions/Product and warns', () => {
    const text = fixture('v2.0__yaml__uber.yaml')
      .toString('utf8')
      .replace("$ref: '#/definitions/Product'", '$ref: Product');
    const { manifest, report } = convertOpenApi(text);
    expect(report.warnings.map((w) => w.pointer)).toEqual([
      '/paths/~1products/get/responses/200/schema/items/$ref',
    ]);
    expect(report.counts.skipped).toBe(0);
    expect(manifest.tools).toHaveLength(5);
  });

  it('renames the operationId with spaces of petstore-expanded and keeps the others', () => {
    const { manifest, report } = convertOpenApi(fixture('v2.0__yaml__petstore-expanded.yaml'));
    const op = report.operations.find((o) => o.operationId === 'find pet by id');
    expect(op?.status).toBe('renamed');
    expect(op?.tool).toBe('find_pet_by_id');
    expect(op?.reason).toMatch(/not a valid tool name/);
    expect(op?.pointer).toBe('/paths/~1pets~1{id}/get');
    const add = tool(manifest, 'addPet');
    expect(add.binding.body).toMatchObject({ mediaType: 'application/json', kind: 'properties' });
    expect(Object.keys(add.inputSchema.properties as object)).toEqual(['name', 'tag']);
    expect(tool(manifest, 'deletePet').annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: true,
    });
  });

  it('maps collectionFormat and formData parameters', () => {
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          post: {
            operationId: 'a',
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [
              {
                name: 'tags',
                in: 'query',
                type: 'array',
                items: { type: 'string' },
                collectionFormat: 'multi',
              },
              { name: 'ids', in: 'query', type: 'array', items: { type: 'integer' } },
              {
                name: 'p',
                in: 'query',
                type: 'array',
                items: { type: 'string' },
                collectionFormat: 'pipes',
              },
              { name: 'note', in: 'formData', type: 'string', required: true },
            ],
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    };
    const { manifest } = convertOpenApi(JSON.stringify(doc));
    const a = tool(manifest, 'a');
    expect(a.binding.parameters).toEqual([
      { arg: 'tags', name: 'tags', in: 'query', required: false, style: 'form', explode: true },
      { arg: 'ids', name: 'ids', in: 'query', required: false, explode: false },
      { arg: 'p', name: 'p', in: 'query', required: false, style: 'pipeDelimited', explode: false },
    ]);
    expect(a.binding.body).toEqual({
      mediaType: 'application/x-www-form-urlencoded',
      required: true,
      kind: 'properties',
      properties: { note: 'note' },
    });
    expect(a.inputSchema.required).toEqual(['note']);
    compile(strictAjv(), a.inputSchema);
  });
});

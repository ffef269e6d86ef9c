import { describe, expect, it } from 'vitest';
import { buildRequest, convertOpenApi, RequestBuildError } from '../src/index.js';
import { openapi, strictAjv, tool } from './helpers.js';

/**
 * Requests Prism rejected in the corpus test (GitHub, Vercel, Box, Spotify, Slack, Xero,
 * DigitalOcean), each reduced to the document shape that caused it.
 */
const base = { baseUrl: 'http://h' };

function text(body: string | Uint8Array | undefined): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

function withBody(content: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return openapi({
    paths: {
      '/b': { post: { operationId: 'b', requestBody: { required: true, content }, responses: {} } },
    },
    ...extra,
  });
}

describe('empty strings are not values of path and required parameters', () => {
  const doc = openapi({
    paths: {
      '/orgs/{org}/packages/{package_name}/versions/{v}': {
        get: {
          operationId: 'p',
          parameters: [
            { name: 'org', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'package_name',
              in: 'path',
              required: true,
              schema: { $ref: '#/components/schemas/Name' },
            },
            { name: 'v', in: 'path', required: true, schema: { type: 'integer' } },
            { name: 'ids', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'opt', in: 'query', schema: { type: 'string' } },
            {
              name: 'flag',
              in: 'query',
              required: true,
              allowEmptyValue: true,
              schema: { type: 'string' },
            },
            {
              name: 'short',
              in: 'query',
              required: true,
              schema: { type: 'string', minLength: 0 },
            },
            {
              name: 'xero-tenant-id',
              in: 'header',
              required: true,
              schema: { type: ['string', 'null'] },
            },
            {
              name: 'idOrName',
              in: 'query',
              required: true,
              schema: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
            },
            { name: 'pick', in: 'query', required: true, schema: { enum: ['a', 'b'] } },
          ],
          responses: {},
        },
      },
    },
    components: { schemas: { Name: { type: 'string', description: 'a name' } } },
  });
  const t = tool(convertOpenApi(doc).manifest, 'p');
  const props = t.inputSchema.properties as Record<string, Record<string, unknown>>;

  it('adds minLength 1 to path and required query/header string parameters', () => {
    expect(props.org).toEqual({ type: 'string', minLength: 1 });
    expect(props.ids).toEqual({ type: 'string', minLength: 1 });
    expect(props['xero-tenant-id']).toEqual({ type: ['string', 'null'], minLength: 1 });
    expect(props.idOrName).toEqual({
      oneOf: [{ type: 'string', minLength: 1 }, { type: 'boolean' }],
    });
  });

  it('wraps a $ref to a string schema in allOf with its type (strict validators need it)', () => {
    expect(props.package_name).toEqual({
      allOf: [{ $ref: '#/$defs/Name' }],
      type: 'string',
      minLength: 1,
    });
    const validate = strictAjv().compile(t.inputSchema);
    const good = {
      org: 'o',
      package_name: 'n',
      v: 1,
      ids: 'i',
      flag: '',
      short: '',
      'xero-tenant-id': 't',
      idOrName: 'x',
      pick: 'a',
    };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, package_name: '' })).toBe(false);
    expect(validate({ ...good, idOrName: '' })).toBe(false);
  });

  it('leaves optional, allowEmptyValue, explicit minLength, non-string and enum parameters alone', () => {
    expect(props.opt).toEqual({ type: 'string' });
    expect(props.flag).toEqual({ type: 'string' });
    expect(props.short).toEqual({ type: 'string', minLength: 0 });
    expect(props.v).toEqual({ type: 'integer' });
    expect(props.pick).toEqual({ enum: ['a', 'b'] });
  });

  it('buildRequest refuses an empty path argument instead of sending an empty segment', () => {
    const call = () => buildRequest(t, { org: 'o', package_name: '', v: 1, ids: 'i' }, base);
    expect(call).toThrow(RequestBuildError);
    try {
      call();
    } catch (error) {
      expect((error as RequestBuildError).code).toBe('INVALID_ARGUMENT');
      expect((error as RequestBuildError).arg).toBe('package_name');
    }
  });
});

describe('format: byte binary bodies are base64 text', () => {
  it('sends a format: byte octet-stream body verbatim (Xero attachments)', () => {
    const doc = withBody({
      'application/octet-stream': { schema: { type: 'string', format: 'byte' } },
    });
    const t = tool(convertOpenApi(doc).manifest, 'b');
    expect(t.binding.body?.base64Text).toBe(true);
    const body = t.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(body.body?.format).toBe('byte');
    expect(body.body?.description).toMatch(/base64 text, sent as is/);
    expect(body.body?.minLength).toBe(1);
    const request = buildRequest(t, { body: 'aGVsbG8=' }, base);
    expect(request.body).toBe('aGVsbG8=');
    expect(request.headers['content-type']).toBe('application/octet-stream');
  });

  it('still decodes format: binary bodies to bytes', () => {
    const doc = withBody({
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    });
    const t = tool(convertOpenApi(doc).manifest, 'b');
    expect(t.binding.body?.base64Text).toBeUndefined();
    expect(text(buildRequest(t, { body: 'aGVsbG8=' }, base).body)).toBe('hello');
  });

  it('sends a multipart format: byte part as its base64 text, not decoded', () => {
    const doc = withBody({
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: {
            data: { type: 'string', format: 'byte' },
            file: { type: 'string', format: 'binary' },
          },
        },
      },
    });
    const t = tool(convertOpenApi(doc).manifest, 'b');
    const body = text(buildRequest(t, { data: 'aGVsbG8=', file: 'aGVsbG8=' }, base).body);
    expect(body).toContain('name="data"\r\n\r\naGVsbG8=\r\n');
    expect(body).toContain(
      'filename="file"\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n',
    );
  });
});

describe('multipart object parts', () => {
  it('sends an object property as an application/json part (OAS Encoding Object default)', () => {
    const doc = withBody({
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: {
            attributes: { type: 'object', properties: { name: { type: 'string' } } },
            tags: { type: 'array', items: { type: 'string' } },
            file: { type: 'string', format: 'binary' },
          },
        },
      },
    });
    const t = tool(convertOpenApi(doc).manifest, 'b');
    const body = text(
      buildRequest(t, { attributes: { name: 'a.png' }, tags: ['x', 'y'], file: 'aGk=' }, base).body,
    );
    expect(body).toContain(
      'name="attributes"\r\nContent-Type: application/json\r\n\r\n{"name":"a.png"}\r\n',
    );
    expect(body).toContain('name="tags"\r\n\r\nx\r\n');
    expect(body).toContain('name="tags"\r\n\r\ny\r\n');
  });
});

describe('$ref siblings', () => {
  const target = {
    type: 'object',
    properties: { droplet_ids: { type: 'array', items: { type: 'integer' } } },
  };

  it('applies a sibling required of an OpenAPI 3.0 $ref body and warns (DigitalOcean)', () => {
    const doc = withBody(
      {
        'application/json': {
          schema: { $ref: '#/components/schemas/Ids', required: ['droplet_ids'] },
        },
      },
      { components: { schemas: { Ids: target } } },
    );
    const { manifest, report } = convertOpenApi(doc);
    const t = tool(manifest, 'b');
    expect(t.inputSchema.required).toEqual(['droplet_ids']);
    expect(t.binding.body?.kind).toBe('properties');
    expect(report.warnings).toContainEqual({
      pointer: '/paths/~1b/post/requestBody/content/application~1json/schema',
      message: expect.stringMatching(/sibling keyword\(s\) required: applied/),
    });
  });

  it('applies sibling validation keywords in 3.1 too, without a warning', () => {
    const doc = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/b': {
          post: {
            operationId: 'b',
            parameters: [
              { name: 'q', in: 'query', schema: { $ref: '#/components/schemas/S', maxLength: 5 } },
            ],
            responses: {},
          },
        },
      },
      components: { schemas: { S: { type: 'string' } } },
    });
    const { manifest, report } = convertOpenApi(doc);
    const q = (tool(manifest, 'b').inputSchema.properties as Record<string, unknown>).q;
    expect(q).toEqual({ allOf: [{ $ref: '#/$defs/S' }, { maxLength: 5 }] });
    expect(report.warnings).toEqual([]);
  });
});

describe('required nullable object bodies', () => {
  it('flattens a nullable object body so a required body is always sent (DigitalOcean maintenance)', () => {
    const doc = withBody({
      'application/json': {
        schema: {
          nullable: true,
          type: 'object',
          properties: {
            day: { type: 'string' },
            pending: { type: 'boolean', readOnly: true },
          },
        },
      },
    });
    const { manifest, report } = convertOpenApi(doc);
    const t = tool(manifest, 'b');
    expect(t.binding.body?.kind).toBe('properties');
    expect(Object.keys(t.inputSchema.properties as object)).toEqual(['day']);
    expect(buildRequest(t, {}, base).body).toBe('{}');
    expect(buildRequest(t, { day: 'tuesday' }, base).body).toBe('{"day":"tuesday"}');
    expect(report.operations[0]?.notes).toContain(
      'request body schema allows null: its object properties are the arguments',
    );
  });
});

describe('required arrays in form bodies', () => {
  it('require at least one item, since an empty array has no form encoding (Stripe refresh)', () => {
    const array = { type: 'array', items: { type: 'string' } };
    const doc = withBody({
      'application/x-www-form-urlencoded': {
        schema: {
          type: 'object',
          required: ['features'],
          properties: { features: array, expand: array, limits: { ...array, minItems: 0 } },
        },
      },
    });
    const props = tool(convertOpenApi(doc).manifest, 'b').inputSchema.properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(props.features?.minItems).toBe(1);
    expect(props.expand?.minItems).toBeUndefined();
    expect(props.limits?.minItems).toBe(0);
    const json = withBody({
      'application/json': {
        schema: { type: 'object', required: ['features'], properties: { features: array } },
      },
    });
    const jsonProps = tool(convertOpenApi(json).manifest, 'b').inputSchema.properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(jsonProps.features?.minItems).toBeUndefined();
  });
});

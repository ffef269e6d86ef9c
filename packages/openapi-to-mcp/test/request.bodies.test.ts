import { describe, expect, it } from 'vitest';
import { buildRequest, convertOpenApi, RequestBuildError } from '../src/index.js';
import { openapi, strictAjv, tool } from './helpers.js';

const base = { baseUrl: 'http://h' };

function withBody(content: Record<string, unknown>, required = true): string {
  return openapi({
    paths: {
      '/b': { post: { operationId: 'b', requestBody: { required, content }, responses: {} } },
    },
  });
}

function text(body: string | Uint8Array | undefined): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

describe('request bodies', () => {
  it('sends a Stripe-style form body with deepObject encodings (metadata[key], items[0][price])', () => {
    const doc = withBody({
      'application/x-www-form-urlencoded': {
        encoding: {
          metadata: { style: 'deepObject', explode: true },
          items: { style: 'deepObject', explode: true },
          expand: { style: 'deepObject', explode: true },
        },
        schema: {
          type: 'object',
          properties: {
            customer: { type: 'string' },
            metadata: { type: 'object', additionalProperties: { type: 'string' } },
            items: {
              type: 'array',
              items: { type: 'object', properties: { price: { type: 'string' } } },
            },
            expand: { type: 'array', items: { type: 'string' } },
            tags: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    });
    const t = tool(convertOpenApi(doc).manifest, 'b');
    expect(t.binding.body?.encoding?.metadata).toEqual({ style: 'deepObject', explode: true });
    const request = buildRequest(
      t,
      {
        customer: 'cus 1',
        metadata: { order: 'a&b' },
        items: [{ price: 'p1' }],
        expand: ['x'],
        tags: ['a', 'b'],
      },
      base,
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe(
      'customer=cus%201&metadata%5Border%5D=a%26b&items%5B0%5D%5Bprice%5D=p1&expand%5B0%5D=x&tags=a&tags=b',
    );
  });

  it('sends a form property with a JSON contentType encoding as JSON text', () => {
    const doc = withBody({
      'application/x-www-form-urlencoded': {
        encoding: { filter: { contentType: 'application/json' } },
        schema: { type: 'object', properties: { filter: { type: 'object' } } },
      },
    });
    const request = buildRequest(
      tool(convertOpenApi(doc).manifest, 'b'),
      { filter: { a: 1 } },
      base,
    );
    expect(request.body).toBe('filter=%7B%22a%22%3A1%7D');
  });

  it('builds a multipart body with a file from a data URL or {data, filename, contentType}', () => {
    const doc = withBody({
      'multipart/form-data': {
        encoding: { meta: { contentType: 'application/json' } },
        schema: {
          type: 'object',
          required: ['file'],
          properties: {
            file: { type: 'string', format: 'binary', description: 'the upload' },
            more: { type: 'array', items: { type: 'string', format: 'binary' } },
            title: { type: 'string' },
            meta: { type: 'object', properties: { a: { type: 'integer' } } },
          },
        },
      },
    });
    const { manifest, report } = convertOpenApi(doc);
    const t = tool(manifest, 'b');
    expect(t.binding.body?.files).toEqual(['file', 'more']);
    expect(report.operations[0]?.notes?.join('\n')).toMatch(/multipart file part/);
    const validate = strictAjv().compile(t.inputSchema);
    const args = {
      file: 'data:text/plain;base64,aGVsbG8=',
      more: [{ data: 'AQID', filename: 'x"y.bin', contentType: 'application/x-thing' }],
      title: 'T',
      meta: { a: 1 },
    };
    expect(validate(args)).toBe(true);
    const request = buildRequest(t, args, base);
    const contentType = request.headers['content-type'] as string;
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1] as string;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----portico[0-9a-f]{32}$/);
    const body = text(request.body);
    expect(body).toBe(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="file"',
        'Content-Type: text/plain',
        '',
        'hello',
        `--${boundary}`,
        'Content-Disposition: form-data; name="more"; filename="x%22y.bin"',
        'Content-Type: application/x-thing',
        '',
        '\u0001\u0002\u0003',
        `--${boundary}`,
        'Content-Disposition: form-data; name="title"',
        '',
        'T',
        `--${boundary}`,
        'Content-Disposition: form-data; name="meta"',
        'Content-Type: application/json',
        '',
        '{"a":1}',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    expect(() => buildRequest(t, { file: 'not base64!' }, base)).toThrow(RequestBuildError);
  });

  it('sends an octet-stream body decoded from base64 and a wildcard image body with the data URL type', () => {
    const octet = tool(convertOpenApi(withBody({ 'application/octet-stream': {} })).manifest, 'b');
    expect(octet.inputSchema.properties).toEqual({
      body: expect.objectContaining({ type: 'string' }),
    });
    const request = buildRequest(octet, { body: 'AAEC/w==' }, base);
    expect(request.headers['content-type']).toBe('application/octet-stream');
    expect(request.body).toEqual(new Uint8Array([0, 1, 2, 255]));
    const image = tool(
      convertOpenApi(withBody({ 'image/*': { schema: { type: 'string', format: 'binary' } } }))
        .manifest,
      'b',
    );
    const png = buildRequest(image, { body: 'data:image/png;base64,iVBORw==' }, base);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('sends text/plain as is', () => {
    const t = tool(
      convertOpenApi(withBody({ 'text/plain': { schema: { type: 'string' } } })).manifest,
      'b',
    );
    expect(buildRequest(t, { body: 'héllo' }, base)).toMatchObject({
      body: 'héllo',
      headers: { 'content-type': 'text/plain' },
    });
  });

  it('picks JSON when several media types are offered and notes the choice', () => {
    const doc = withBody({
      'multipart/form-data': { schema: { type: 'object', properties: { a: { type: 'string' } } } },
      'application/x-www-form-urlencoded': {
        schema: { type: 'object', properties: { a: { type: 'string' } } },
      },
      'application/merge-patch+json': {
        schema: { type: 'object', properties: { a: { type: 'string' } } },
      },
    });
    const { manifest, report } = convertOpenApi(doc);
    expect(tool(manifest, 'b').binding.body?.mediaType).toBe('application/merge-patch+json');
    expect(report.operations[0]?.notes).toContain(
      'request body sent as application/merge-patch+json (also offered: multipart/form-data, application/x-www-form-urlencoded)',
    );
    const form = convertOpenApi(
      withBody({
        'multipart/form-data': {
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
        'application/x-www-form-urlencoded': {
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      }),
    );
    expect(tool(form.manifest, 'b').binding.body?.mediaType).toBe(
      'application/x-www-form-urlencoded',
    );
  });

  it('converts every body media type, skipping nothing (XML as text, PDF as bytes)', () => {
    const { report } = convertOpenApi(
      openapi({
        paths: Object.fromEntries(
          ['application/xml', 'application/pdf', 'multipart/mixed', 'application/zip'].map(
            (type, i) => [
              `/p${i}`,
              {
                post: {
                  operationId: `p${i}`,
                  requestBody: { required: true, content: { [type]: {} } },
                  responses: {},
                },
              },
            ],
          ),
        ),
      }),
    );
    expect(report.counts.skipped).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { convertOpenApi, SpecError } from '../src/index.js';
import { openapi } from './helpers.js';

function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('hostile and malformed documents', () => {
  it.each([
    ['file', 'other.yaml#/components/schemas/Pet'],
    ['http', 'http://169.254.169.254/latest/meta-data#/x'],
    ['file URL', 'file:///etc/passwd'],
  ])('refuses an external %s $ref with its pointer, reading nothing', (_kind, ref) => {
    const text = openapi({
      paths: {
        '/p': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: ref } } },
              },
            },
          },
        },
      },
    });
    const error = specError(() => convertOpenApi(text));
    expect(error.code).toBe('SPEC_EXTERNAL_REF');
    expect(error.pointer).toBe(
      '/paths/~1p/get/responses/200/content/application~1json/schema/$ref',
    );
  });

  it('refuses a YAML alias bomb quickly', () => {
    const lines = ['openapi: 3.0.0', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = `*a${i - 1}`;
      lines.push(`a${i}: &a${i} [${Array(10).fill(prev).join(', ')}]`);
    }
    const error = specError(() => convertOpenApi(lines.join('\n')));
    expect(error.code).toBe('SPEC_TOO_LARGE');
  });

  it('does not let a __proto__ key pollute Object.prototype', () => {
    const json =
      '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"__proto__":{"polluted":1},"paths":{"/a":{"get":{"operationId":"a","parameters":[{"name":"__proto__","in":"query","schema":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}}],"responses":{}}}}}';
    const yaml =
      'openapi: 3.0.0\ninfo: {title: t, version: "1"}\n__proto__: {polluted: 1}\npaths: {}\n';
    const { manifest } = convertOpenApi(json);
    convertOpenApi(yaml);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const props = manifest.tools[0]?.inputSchema.properties as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(['proto']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
  });

  it('refuses documents over the size, depth and operation limits', () => {
    expect(specError(() => convertOpenApi(openapi({ paths: {} }), { maxBytes: 10 })).code).toBe(
      'SPEC_TOO_LARGE',
    );
    const deep = `{"openapi":"3.0.0","x":${'['.repeat(600)}${']'.repeat(600)}}`;
    expect(specError(() => convertOpenApi(deep)).code).toBe('SPEC_TOO_DEEP');
    const paths = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`/p${i}`, { get: { responses: {} } }]),
    );
    const tooMany = specError(() => convertOpenApi(openapi({ paths }), { maxOperations: 4 }));
    expect(tooMany).toMatchObject({ code: 'SPEC_TOO_LARGE', pointer: '/paths' });
  });

  it('reports parse and version errors with codes', () => {
    expect(specError(() => convertOpenApi('{"openapi": ')).code).toBe('SPEC_PARSE');
    expect(specError(() => convertOpenApi('a: [unclosed')).code).toBe('SPEC_PARSE');
    expect(specError(() => convertOpenApi('just text')).code).toBe('SPEC_PARSE');
    expect(specError(() => convertOpenApi('{"openapi":"4.0.0"}'))).toMatchObject({
      code: 'SPEC_UNSUPPORTED_VERSION',
      pointer: '/openapi',
    });
    expect(specError(() => convertOpenApi('{"swagger":"1.2"}'))).toMatchObject({
      code: 'SPEC_UNSUPPORTED_VERSION',
      pointer: '/swagger',
    });
    expect(specError(() => convertOpenApi(new Uint8Array([0x1f, 0x8b, 8, 0]))).code).toBe(
      'SPEC_PARSE',
    );
  });
});

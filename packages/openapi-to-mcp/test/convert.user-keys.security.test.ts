import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildRequest, convertOpenApi } from '../src/index.js';
import { compile, fixture, strictAjv, tool } from './helpers.js';

/**
 * Keys from documents are data (issue 8, item 3): operationIds, parameter names, property names
 * and component names `constructor`, `__proto__`, `toString` and `hasOwnProperty` convert like
 * any other name, and requests carry them as written. JSON.parse makes `__proto__` an own key; the
 * documents here are raw JSON text for that reason (an object literal would set a prototype).
 */
const MACHINERY = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('object machinery names in documents', () => {
  const { manifest, report } = convertOpenApi(fixture('proto-keys.json'));

  it('converts every operation; only the underscores of `__proto__` are trimmed from names', () => {
    expect(manifest.tools.map((t) => t.name)).toEqual([
      'constructor',
      'proto',
      'toString',
      'hasOwnProperty',
    ]);
    expect(report.counts).toMatchObject({ operations: 4, skipped: 0 });
    const ctor = tool(manifest, 'constructor');
    expect(Object.keys(ctor.inputSchema.properties as object)).toEqual([
      'constructor',
      'proto',
      'toString',
      'hasOwnProperty',
    ]);
    expect(Object.keys((ctor.outputSchema?.properties ?? {}) as object)).toEqual([
      'constructor',
      '__proto__',
    ]);
    for (const t of manifest.tools) {
      compile(strictAjv(), t.inputSchema);
      expect(Object.getPrototypeOf(t.inputSchema)).toBe(Object.prototype);
    }
  });

  it('builds requests that carry every property and parameter as written', () => {
    const body = buildRequest(
      tool(manifest, 'constructor'),
      JSON.parse('{"constructor":"a","proto":"b","toString":"c","hasOwnProperty":4}'),
      { baseUrl: 'https://api.example.com' },
    );
    expect(Object.entries(JSON.parse(String(body.body)))).toEqual([
      ['constructor', 'a'],
      ['__proto__', 'b'],
      ['toString', 'c'],
      ['hasOwnProperty', 4],
    ]);
    const nested = buildRequest(
      tool(manifest, 'proto'),
      JSON.parse('{"proto":{"toString":"t","__proto__":"n"}}'),
      { baseUrl: 'https://api.example.com' },
    );
    const sent = JSON.parse(String(nested.body));
    expect(Object.keys(sent)).toEqual(['__proto__']);
    expect(Object.entries(Object.getOwnPropertyDescriptor(sent, '__proto__')?.value)).toEqual([
      ['toString', 't'],
      ['__proto__', 'n'],
    ]);
    const query = buildRequest(
      tool(manifest, 'toString'),
      { toString: 's', constructor: 'c', proto: 'p', hasOwnProperty: 'h' },
      { baseUrl: 'https://api.example.com' },
    );
    expect(query.url).toBe('https://api.example.com/strings/s?constructor=c&__proto__=p');
    expect(query.headers).toEqual({ hasownproperty: 'h' });
  });

  it('an argument named like a prototype member is absent unless given', () => {
    // `toString` is required; a lookup that read Object.prototype would find a function instead.
    expect(() =>
      buildRequest(
        tool(manifest, 'toString'),
        { constructor: 'c', proto: 'p', hasOwnProperty: 'h' },
        { baseUrl: 'https://api.example.com' },
      ),
    ).toThrow(expect.objectContaining({ code: 'MISSING_PATH_PARAMETER', arg: 'toString' }));
    const own = buildRequest(tool(manifest, 'hasOwnProperty'), JSON.parse('{}'), {
      baseUrl: 'https://api.example.com',
    });
    expect(own.url).toBe('https://api.example.com/own');
    // An optional `constructor` query parameter left out is not sent (not Object's source text).
    const query = buildRequest(
      tool(manifest, 'toString'),
      { toString: 's', proto: 'p', hasOwnProperty: 'h' },
      { baseUrl: 'https://api.example.com' },
    );
    expect(query.url).toBe('https://api.example.com/strings/s?__proto__=p');
  });

  it('component schemas named like prototype members are $defs like any other', () => {
    const components = Object.fromEntries(
      MACHINERY.map((name) => [
        name,
        { type: 'object', properties: { [name]: { type: 'string' } } },
      ]),
    );
    const document = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/m': {
          post: {
            operationId: 'valueOf',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: Object.fromEntries(
                      MACHINERY.map((name) => [name, { $ref: `#/components/schemas/${name}` }]),
                    ),
                  },
                },
              },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
      components: { schemas: components },
    });
    // Object.fromEntries creates own `__proto__` keys, and JSON.stringify writes them out.
    expect(document).toContain('"__proto__":{"$ref":"#/components/schemas/__proto__"}');
    const converted = convertOpenApi(document);
    const described = tool(converted.manifest, 'valueOf');
    expect(converted.report.counts.skipped).toBe(0);
    const defs = described.inputSchema.$defs as Record<string, unknown>;
    expect(Object.keys(defs).sort()).toEqual([
      'constructor',
      'hasOwnProperty',
      'proto',
      'toString',
    ]);
    const args = JSON.parse('{"constructor":{"constructor":"x"},"toString":{"toString":"y"}}');
    // Ajv's default reads `data.hasOwnProperty` through the prototype (a function, not an
    // object): validators of these schemas need `ownProperties`, as the gateway's has.
    expect(compile(strictAjv(), described.inputSchema)(args)).toBe(false);
    const own = new Ajv2020({ ownProperties: true, strict: false });
    expect(own.compile(described.inputSchema)(args)).toBe(true);
  });
});

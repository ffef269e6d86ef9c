import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  convertOpenApi,
  type ManifestTool,
  type ParameterBinding,
  RequestBuildError,
} from '../src/index.js';
import { openapi, tool } from './helpers.js';

const BASE = 'https://api.example.com/v1';
const ORIGIN = 'https://api.example.com';

function makeTool(path: string, parameters: ParameterBinding[]): ManifestTool {
  return {
    name: 't',
    description: 't',
    inputSchema: { type: 'object' },
    annotations: {},
    binding: { method: 'get', path, parameters },
  };
}

function pathParam(name: string, extra: Partial<ParameterBinding> = {}): ParameterBinding {
  return { arg: name, name, in: 'path', required: true, ...extra };
}

/** The request's origin, or the build error's code: anything else is a failed invariant. */
function originOrRefusal(t: ManifestTool, args: Record<string, unknown>, baseUrl = BASE): string {
  try {
    return new URL(buildRequest(t, args, { baseUrl }).url).origin;
  } catch (error) {
    if (error instanceof RequestBuildError) return `refused:${error.code}`;
    throw error;
  }
}

const HOSTILE_VALUES = [
  '.attacker.test',
  'attacker.test',
  '@attacker.test',
  ':8443@attacker.test',
  '//attacker.test',
  '\\\\attacker.test',
  '/\\attacker.test',
  '%2e.attacker.test',
  '%40attacker.test',
  '%2F%2Fattacker.test',
  '\u3002attacker.test', // ideographic full stop: IDNA maps it to "."
  '\uff0eattacker.test', // fullwidth full stop
  '\uff20attacker.test', // fullwidth commercial at
  '\u2215\u2215attacker.test', // division slashes
  'attacker.test#',
  'attacker.test?',
  '\u0000attacker.test',
  'xn--80ak6aa92e.com',
];

describe('no argument changes the upstream origin', () => {
  describe('documents whose path keys do not begin with "/"', () => {
    it.each([
      ['{region}/v1/items', 'region'],
      ['@{tenant}/x', 'tenant'],
      ['@{h}:8080/pets', 'h'],
      ['.{region}/x', 'region'],
      ['%2E{region}/x', 'region'],
      ['\\{region}/x', 'region'],
      ['\uff0e{region}/x', 'region'],
    ])('%s is skipped by the generator, the rest converts', (path, param) => {
      const { manifest, report } = convertOpenApi(
        openapi({
          servers: [{ url: ORIGIN }],
          paths: {
            [path]: {
              get: {
                operationId: 'hostile',
                parameters: [
                  { name: param, in: 'path', required: true, schema: { type: 'string' } },
                ],
                responses: {},
              },
            },
            '/fine': { get: { operationId: 'fine', responses: {} } },
          },
        }),
      );
      expect(manifest.tools.map((t) => t.name)).toEqual(['fine']);
      const entry = report.operations.find((o) => o.operationId === 'hostile');
      expect(entry).toMatchObject({ status: 'skipped' });
      expect(entry?.reason).toContain('could change the upstream host');
    });

    it.each([
      ['{region}/v1/items', 'region'],
      ['@{tenant}/x', 'tenant'],
      ['@{h}:8080/pets', 'h'],
    ])('a stored manifest with %s still keeps the base origin', (path, param) => {
      const t = makeTool(path, [pathParam(param)]);
      for (const value of HOSTILE_VALUES) {
        for (const baseUrl of [BASE, ORIGIN, `${ORIGIN}/`, `${ORIGIN}:443`]) {
          const outcome = originOrRefusal(t, { [param]: value }, baseUrl);
          expect([ORIGIN, 'refused:INVALID_ARGUMENT'], `${baseUrl} + ${value}`).toContain(outcome);
        }
      }
      expect(buildRequest(t, { [param]: 'eu' }, { baseUrl: BASE }).url).toBe(
        path.startsWith('@')
          ? `${BASE}/${path.replace(`{${param}}`, 'eu')}`
          : `${BASE}/eu/v1/items`,
      );
    });
  });

  it('percent-encoded and Unicode variants in path, query, header and cookie values', () => {
    const t = makeTool('/items/{id}', [
      pathParam('id'),
      { arg: 'q', name: 'q', in: 'query', required: false, allowReserved: true },
      { arg: 'h', name: 'X-H', in: 'header', required: false },
      { arg: 'c', name: 'c', in: 'cookie', required: false },
    ]);
    for (const value of HOSTILE_VALUES) {
      const outcome = originOrRefusal(t, { id: value, q: value, c: value });
      expect([ORIGIN, 'refused:INVALID_ARGUMENT'], value).toContain(outcome);
    }
  });

  it('a template with a literal query or fragment keeps the query and drops the fragment', () => {
    const search = makeTool('/search?query={q}', [pathParam('q')]);
    expect(buildRequest(search, { q: 'a@b.test/x' }, { baseUrl: `${BASE}?key=1` }).url).toBe(
      `${BASE}/search?key=1&query=a%40b.test%2Fx`,
    );
    const target = makeTool('/#X-Amz-Target=Service.Op', [
      { arg: 'limit', name: 'limit', in: 'query', required: false },
    ]);
    expect(buildRequest(target, { limit: 2 }, { baseUrl: ORIGIN }).url).toBe(`${ORIGIN}/?limit=2`);
  });

  it('server variables cannot be set by arguments: the default chooses the host', () => {
    const { manifest } = convertOpenApi(
      openapi({
        servers: [
          {
            url: 'https://{tenant}.example.com/{basePath}',
            variables: {
              tenant: { default: 'api', enum: ['api', 'eu'] },
              basePath: { default: 'v1' },
            },
          },
        ],
        paths: {
          '/items/{tenant}': {
            get: {
              operationId: 'items',
              parameters: [
                { name: 'tenant', in: 'path', required: true, schema: { type: 'string' } },
                { name: 'basePath', in: 'query', schema: { type: 'string' } },
              ],
              responses: {},
            },
          },
        },
      }),
    );
    expect(manifest.servers).toEqual(['https://api.example.com/v1']);
    const t = tool(manifest, 'items');
    for (const value of HOSTILE_VALUES) {
      const outcome = originOrRefusal(t, { tenant: value, basePath: value }, manifest.servers[0]);
      expect([ORIGIN, 'refused:INVALID_ARGUMENT'], value).toContain(outcome);
    }
  });

  it('refuses base URLs that hide a host or have no origin', () => {
    const t = makeTool('/x', []);
    for (const baseUrl of [
      'https://user@api.example.com',
      'https://:pw@api.example.com',
      'foo://api.example.com',
      '//api.example.com',
      'api.example.com',
    ]) {
      expect(originOrRefusal(t, {}, baseUrl), baseUrl).toBe('refused:INVALID_BASE_URL');
    }
  });

  it('property: no value of any parameter style changes the origin', () => {
    const styles: Partial<ParameterBinding>[] = [
      { in: 'path', style: 'simple' },
      { in: 'path', style: 'simple', explode: true },
      { in: 'path', style: 'label' },
      { in: 'path', style: 'label', explode: true },
      { in: 'path', style: 'matrix' },
      { in: 'path', style: 'matrix', explode: true },
      { in: 'path', contentType: 'application/json' },
      { in: 'query', style: 'form' },
      { in: 'query', style: 'form', explode: false },
      { in: 'query', style: 'spaceDelimited', explode: false },
      { in: 'query', style: 'pipeDelimited', explode: false },
      { in: 'query', style: 'deepObject', explode: true },
      { in: 'query', style: 'form', allowReserved: true },
      { in: 'query', contentType: 'application/json' },
      { in: 'header', style: 'simple' },
      { in: 'cookie', style: 'form' },
    ];
    const templates = ['/{p}', '/a/{p}/b', '{p}', '{p}/x', '@{p}', '/x{p}', '/search?q={p}'];
    const text = fc.string({ unit: 'binary', maxLength: 24 });
    const hostish = fc.constantFrom(...HOSTILE_VALUES);
    const leaf = fc.oneof(text, hostish, fc.integer(), fc.boolean());
    const value = fc.oneof(
      leaf,
      fc.array(leaf, { maxLength: 4 }),
      fc.dictionary(fc.oneof(text, hostish), leaf, { maxKeys: 4 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...styles),
        fc.constantFrom(...templates),
        fc.constantFrom(BASE, ORIGIN, `${ORIGIN}/`, `${ORIGIN}/v1/?k=v`),
        value,
        (style, template, baseUrl, v) => {
          const param = { arg: 'p', name: 'p', required: true, ...style } as ParameterBinding;
          const path = param.in === 'path' ? template : template.replace('{p}', 'lit');
          const outcome = originOrRefusal(makeTool(path, [param]), { p: v }, baseUrl);
          expect(outcome === ORIGIN || outcome.startsWith('refused:')).toBe(true);
          expect(outcome).not.toBe('refused:ORIGIN_MISMATCH');
        },
      ),
      { numRuns: 3_000, seed: 20261202 },
    );
  });
});

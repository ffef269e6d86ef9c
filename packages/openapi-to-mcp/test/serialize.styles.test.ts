import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  convertOpenApi,
  type ManifestTool,
  type ParameterBinding,
} from '../src/index.js';
import { tool as toolNamed } from './helpers.js';

/** OpenAPI 3.1 section 4.8.12.4.1 "Style Examples": the parameter `color` with these values. */
const VALUES = {
  empty: '',
  string: 'blue',
  array: ['blue', 'black', 'brown'],
  object: { R: 100, G: 200, B: 150 },
};
type Column = keyof typeof VALUES;

function single(param: Omit<ParameterBinding, 'arg' | 'name' | 'required'>): ManifestTool {
  // A literal prefix keeps the label style's lone `.` from being a dot segment (refused).
  const path = param.in === 'path' ? '/x/v{color}' : '/x';
  return {
    name: 't',
    description: 't',
    inputSchema: { type: 'object' },
    annotations: {},
    binding: {
      method: 'get',
      path,
      parameters: [{ arg: 'color', name: 'color', required: false, ...param }],
    },
  };
}

/** What buildRequest produced for `color`: the path tail, or the raw query string. */
function serialize(
  param: Omit<ParameterBinding, 'arg' | 'name' | 'required'>,
  column: Column,
): string {
  const url = buildRequest(single(param), { color: VALUES[column] }, { baseUrl: 'http://h' }).url;
  return param.in === 'path'
    ? url.slice('http://h/x/v'.length)
    : url.slice('http://h/x'.length).replace(/^\?/, '');
}

// Rows of the table (RFC 6570-consistent form, as corrected in OAS 3.0.4/3.1.1). `n/a` cells are left out.
const PATH_ROWS: [string, boolean, Partial<Record<Column, string>>][] = [
  [
    'matrix',
    false,
    {
      empty: ';color',
      string: ';color=blue',
      array: ';color=blue,black,brown',
      object: ';color=R,100,G,200,B,150',
    },
  ],
  [
    'matrix',
    true,
    {
      empty: ';color',
      string: ';color=blue',
      array: ';color=blue;color=black;color=brown',
      object: ';R=100;G=200;B=150',
    },
  ],
  [
    'label',
    false,
    { empty: '.', string: '.blue', array: '.blue,black,brown', object: '.R,100,G,200,B,150' },
  ],
  [
    'label',
    true,
    { empty: '.', string: '.blue', array: '.blue.black.brown', object: '.R=100.G=200.B=150' },
  ],
  ['simple', false, { string: 'blue', array: 'blue,black,brown', object: 'R,100,G,200,B,150' }],
  ['simple', true, { string: 'blue', array: 'blue,black,brown', object: 'R=100,G=200,B=150' }],
];
const QUERY_ROWS: [string, boolean, Partial<Record<Column, string>>][] = [
  [
    'form',
    false,
    {
      empty: 'color=',
      string: 'color=blue',
      array: 'color=blue,black,brown',
      object: 'color=R,100,G,200,B,150',
    },
  ],
  [
    'form',
    true,
    {
      empty: 'color=',
      string: 'color=blue',
      array: 'color=blue&color=black&color=brown',
      object: 'R=100&G=200&B=150',
    },
  ],
  [
    'spaceDelimited',
    false,
    { array: 'color=blue%20black%20brown', object: 'color=R%20100%20G%20200%20B%20150' },
  ],
  ['pipeDelimited', false, { array: 'color=blue|black|brown', object: 'color=R|100|G|200|B|150' }],
  ['deepObject', true, { object: 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150' }],
];

describe('parameter serialization matches the OpenAPI style examples table', () => {
  const cases = [
    ...PATH_ROWS.flatMap(([style, explode, cells]) =>
      Object.entries(cells).map(([column, expected]) => ({
        location: 'path' as const,
        style,
        explode,
        column: column as Column,
        expected,
      })),
    ),
    ...QUERY_ROWS.flatMap(([style, explode, cells]) =>
      Object.entries(cells).map(([column, expected]) => ({
        location: 'query' as const,
        style,
        explode,
        column: column as Column,
        expected,
      })),
    ),
  ];
  it.each(cases)(
    '$location $style explode=$explode $column -> $expected',
    ({ location, style, explode, column, expected }) => {
      expect(serialize({ in: location, style, explode }, column)).toBe(expected);
    },
  );

  it('defaults: path simple, query form exploded, header simple', () => {
    expect(serialize({ in: 'path' }, 'array')).toBe('blue,black,brown');
    expect(serialize({ in: 'query' }, 'array')).toBe('color=blue&color=black&color=brown');
    expect(serialize({ in: 'query' }, 'object')).toBe('R=100&G=200&B=150');
  });

  it('sends header objects per explode and cookies as form (exploded by default)', () => {
    const header = (explode: boolean) =>
      buildRequest(
        single({ in: 'header', explode }),
        { color: VALUES.object },
        { baseUrl: 'http://h' },
      ).headers.color;
    expect(header(false)).toBe('R,100,G,200,B,150');
    expect(header(true)).toBe('R=100,G=200,B=150');
    const cookie = (value: unknown, explode?: boolean) =>
      buildRequest(
        single({ in: 'cookie', ...(explode !== undefined ? { explode } : {}) }),
        { color: value },
        { baseUrl: 'http://h' },
      ).headers.cookie;
    expect(cookie('a b;c')).toBe('color=a%20b%3Bc');
    expect(cookie(['blue', 'black'], false)).toBe('color=blue,black');
    expect(cookie(['blue', 'black'])).toBe('color=blue; color=black');
    expect(cookie({ R: 100, G: 200 })).toBe('R=100; G=200');
    expect(cookie({ R: 100, G: 200 }, false)).toBe('color=R,100,G,200');
  });

  it('lets reserved characters through only with allowReserved, and never a raw #', () => {
    const value = 'a/b?c=d&e[0]#f g';
    const url = (allowReserved: boolean) =>
      buildRequest(
        single({ in: 'query', ...(allowReserved ? { allowReserved } : {}) }),
        { color: value },
        { baseUrl: 'http://h' },
      ).url;
    expect(url(false)).toBe('http://h/x?color=a%2Fb%3Fc%3Dd%26e%5B0%5D%23f%20g');
    expect(url(true)).toBe('http://h/x?color=a/b?c=d&e[0]%23f%20g');
  });

  it('sends parameters with `content` as JSON text in every location', () => {
    const json = { contentType: 'application/json' };
    const value = { a: [1, 'x'] };
    const at = (location: ParameterBinding['in']) =>
      buildRequest(single({ in: location, ...json }), { color: value }, { baseUrl: 'http://h' });
    expect(at('query').url).toBe('http://h/x?color=%7B%22a%22%3A%5B1%2C%22x%22%5D%7D');
    expect(at('path').url).toBe('http://h/x/v%7B%22a%22%3A%5B1%2C%22x%22%5D%7D');
    expect(at('header').headers.color).toBe('{"a":[1,"x"]}');
    expect(at('cookie').headers.cookie).toBe('color=%7B%22a%22%3A%5B1%2C%22x%22%5D%7D');
  });

  it('maps every Swagger 2.0 collectionFormat (csv, ssv, tsv, pipes, multi) to the right query string', () => {
    const formats = ['csv', 'ssv', 'tsv', 'pipes', 'multi'];
    const doc = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            parameters: formats.map((f) => ({
              name: f,
              in: 'query',
              type: 'array',
              items: { type: 'string' },
              collectionFormat: f,
            })),
            responses: { 200: { description: 'ok' } },
          },
        },
      },
    };
    const tool = toolNamed(convertOpenApi(JSON.stringify(doc)).manifest, 'x');
    const args = Object.fromEntries(formats.map((f) => [f, ['a', 'b']]));
    expect(buildRequest(tool, args, { baseUrl: 'http://h' }).url).toBe(
      'http://h/x?csv=a,b&ssv=a%20b&tsv=a%09b&pipes=a|b&multi=a&multi=b',
    );
  });
});

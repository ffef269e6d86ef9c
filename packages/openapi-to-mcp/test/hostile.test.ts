import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { convertOpenApi, DEFAULT_MAX_DOCUMENT_BYTES, SpecError } from '../src/index.js';
import { fixture } from './helpers.js';

/** Every committed hostile fixture, read (and gunzipped) before any spy is installed. */
const NAMES = [
  'external-ref-file.json',
  'external-ref-relative.json',
  'external-ref-http.json',
  'alias-bomb.yaml',
  'proto-keys.json',
  'deep-10000.json.gz',
  'large-50mb.json.gz',
  'ops-20000.json.gz',
] as const;
const docs = Object.fromEntries(
  NAMES.map((name) => {
    const bytes = fixture(`hostile/${name}`);
    return [name, name.endsWith('.gz') ? gunzipSync(bytes) : bytes];
  }),
) as Record<(typeof NAMES)[number], Buffer>;

/** Entry points through which a file or the network could be reached. */
const TARGETS: [object, string][] = [
  ...[
    'readFileSync',
    'readFile',
    'openSync',
    'open',
    'createReadStream',
    'existsSync',
    'statSync',
    'readdirSync',
    'accessSync',
  ].map((name) => [fs, name] as [object, string]),
  [fs.promises, 'readFile'],
  [fs.promises, 'open'],
  [net, 'connect'],
  [net, 'createConnection'],
  [net.Socket.prototype, 'connect'],
  [dns, 'lookup'],
  [dns, 'resolve'],
  [http, 'request'],
  [http, 'get'],
  [https, 'request'],
  [https, 'get'],
  [globalThis, 'fetch'],
];

function convertError(input: Buffer): SpecError | undefined {
  try {
    convertOpenApi(input);
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
}

describe('hostile documents: a clear SpecError, and no file or network access', () => {
  const spies: MockInstance[] = [];
  beforeAll(() => {
    for (const [target, name] of TARGETS)
      spies.push(vi.spyOn(target as Record<string, () => unknown>, name));
    // ESM named imports of builtins (`import { readFileSync } from 'node:fs'`) see the spies too.
    syncBuiltinESMExports();
  });
  afterAll(() => {
    for (const spy of spies) spy.mockRestore();
    syncBuiltinESMExports();
  });
  const untouched = (): void => {
    for (const spy of spies) expect(spy, spy.getMockName()).not.toHaveBeenCalled();
  };

  it.each([
    ['external-ref-file.json', 'file:///etc/passwd'],
    ['external-ref-relative.json', '../secrets.yaml#/x'],
    ['external-ref-http.json', 'http://169.254.169.254/latest/meta-data#/x'],
  ] as const)('refuses the external $ref of %s without reading it', (name, ref) => {
    const error = convertError(docs[name]);
    expect(error).toMatchObject({
      code: 'SPEC_EXTERNAL_REF',
      pointer: '/paths/~1p/get/responses/200/content/application~1json/schema/$ref',
    });
    expect(error?.message).toContain(ref);
    untouched();
  });

  it('refuses a billion-laughs YAML alias bomb', () => {
    expect(convertError(docs['alias-bomb.yaml'])).toMatchObject({
      code: 'SPEC_TOO_LARGE',
      pointer: '',
    });
    untouched();
  });

  it('keeps __proto__ and constructor keys as data (no prototype pollution)', () => {
    const { manifest } = convertOpenApi(docs['proto-keys.json']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const [tool] = manifest.tools;
    expect(tool?.name).toBe('proto');
    expect(Object.keys(tool?.inputSchema.properties as object)).toEqual([
      'constructor',
      'proto',
      'body_constructor',
    ]);
    untouched();
  });

  it('refuses 10,000-deep nesting with the pointer where the limit was crossed', () => {
    const error = convertError(docs['deep-10000.json.gz']);
    expect(error?.code).toBe('SPEC_TOO_DEEP');
    expect(error?.pointer).toMatch(/^\/x(\/a)+$/);
    untouched();
  });

  it('refuses a 50 MB document before parsing it (default limit 32 MiB)', () => {
    expect(docs['large-50mb.json.gz'].length).toBeGreaterThan(DEFAULT_MAX_DOCUMENT_BYTES);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(convertError(docs['large-50mb.json.gz'])).toMatchObject({
        code: 'SPEC_TOO_LARGE',
        pointer: '',
      });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    untouched();
  });

  it('refuses 20,000 operations (limit 10,000) before converting any', () => {
    const error = convertError(docs['ops-20000.json.gz']);
    expect(error).toMatchObject({ code: 'SPEC_TOO_LARGE', pointer: '/paths' });
    expect(error?.message).toMatch(/20000 operations/);
    untouched();
  });
});

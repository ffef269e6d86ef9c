import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

/**
 * Override keys are tool names from documents (issue 8, item 3): `constructor` as a key made
 * PUT tool-config answer 500, so that tool could never be renamed or made public. Bodies are raw
 * JSON text: an object literal with `__proto__` would set a prototype instead of a key.
 */
let t: TestApp;
let key: string;
let slug: string;
beforeAll(async () => {
  t = await testApp();
  ({ key } = await signup(t.app));
  ({ slug } = await createServer(t.app, key, { access: 'end_user' }));
  const res = await upload(t.app, key, slug, fixture('proto-keys.json'));
  if (res.statusCode !== 201) throw new Error(res.body);
});
afterAll(() => t.close());

function put(body: string) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/servers/${slug}/tool-config`,
    headers: { ...bearer(key), 'content-type': 'application/json' },
    payload: body,
  });
}

const OVERRIDES = `{
  "constructor": {"name": "make", "public": true},
  "proto": {"name": "__proto__", "description": "renamed to __proto__"},
  "toString": {"name": "to_text", "public": true},
  "hasOwnProperty": {"description": "own", "public": true}
}`;

describe('tool configuration keyed by object machinery names', () => {
  it('stores overrides of `constructor`, `toString`, `hasOwnProperty` and a rename to `__proto__`', async () => {
    const res = await put(`{"overrides":${OVERRIDES}}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().toolConfig.overrides).toEqual(JSON.parse(OVERRIDES));
    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tools`,
      headers: bearer(key),
    });
    expect(
      tools
        .json()
        .tools.map((x: { name: string; originalName?: string }) => [x.name, x.originalName]),
    ).toEqual([
      ['make', 'constructor'],
      ['__proto__', 'proto'],
      ['to_text', 'toString'],
      ['hasOwnProperty', undefined],
    ]);
    expect(tools.json().issues).toEqual([]);
  });

  it('an override of a prototype member the version lacks is a 400 naming it', async () => {
    for (const name of ['valueOf', 'isPrototypeOf', 'propertyIsEnumerable']) {
      const res = await put(`{"overrides":{"${name}":{"description":"x"}}}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.issues).toEqual([
        { tool: name, message: `no tool "${name}" in this version` },
      ]);
    }
  });

  it('a `__proto__` key in the body is refused with 400, never stored or answered with 500', async () => {
    const res = await put('{"overrides":{"__proto__":{"name":"x"}}}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^(PARSE_ERROR|VALIDATION_FAILED)$/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  compileBinding,
  type ManifestTool,
  RequestBuildError,
} from '../src/index.js';

function makeTool(binding: Partial<ManifestTool['binding']>): ManifestTool {
  return {
    name: 't',
    description: 't',
    inputSchema: { type: 'object' },
    annotations: {},
    binding: { method: 'get', path: '/', parameters: [], ...binding },
  };
}

describe('buildRequest', () => {
  const base = { baseUrl: 'http://h/v1/' };

  it('percent-encodes path parameters and joins a base URL with a prefix without double slashes', () => {
    const tool = makeTool({
      path: '/users/{userId}/files/{name}',
      parameters: [
        { arg: 'userId', name: 'userId', in: 'path', required: true },
        { arg: 'name', name: 'name', in: 'path', required: true },
      ],
    });
    const request = buildRequest(tool, { userId: 42, name: 'a b/c?d' }, base);
    expect(request).toEqual({
      method: 'GET',
      url: 'http://h/v1/users/42/files/a%20b%2Fc%3Fd',
      headers: {},
    });
    // WHATWG URL resolves `%2E%2E` like `..`, so dot segments cannot be encoded away: refused.
    for (const [userId, name] of [
      ['..', 'x'],
      ['1', '.'],
      ['1', '..'],
    ]) {
      expect(() => buildRequest(tool, { userId, name }, { baseUrl: 'http://h' })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(buildRequest(tool, { userId: '...', name: '.a' }, base).url).toBe(
      'http://h/v1/users/.../files/.a',
    );
  });

  it('throws a typed error for a missing required path parameter', () => {
    const tool = makeTool({
      path: '/p/{id}',
      parameters: [{ arg: 'id', name: 'id', in: 'path', required: true }],
    });
    expect(() => buildRequest(tool, {}, base)).toThrow(RequestBuildError);
    try {
      buildRequest(tool, {}, base);
    } catch (error) {
      expect(error).toMatchObject({ code: 'MISSING_PATH_PARAMETER', arg: 'id' });
    }
  });

  it('serializes query parameters per style and explode, omitting absent ones', () => {
    const tool = makeTool({
      path: '/search',
      parameters: [
        { arg: 'q', name: 'q', in: 'query', required: true },
        { arg: 'tags', name: 'tags', in: 'query', required: false },
        { arg: 'ids', name: 'ids', in: 'query', required: false, style: 'form', explode: false },
        {
          arg: 'filter',
          name: 'filter',
          in: 'query',
          required: false,
          style: 'deepObject',
          explode: true,
        },
        {
          arg: 'sp',
          name: 'sp',
          in: 'query',
          required: false,
          style: 'spaceDelimited',
          explode: false,
        },
        {
          arg: 'pp',
          name: 'pp',
          in: 'query',
          required: false,
          style: 'pipeDelimited',
          explode: false,
        },
        { arg: 'missing', name: 'missing', in: 'query', required: false },
        {
          arg: 'json',
          name: 'json',
          in: 'query',
          required: false,
          contentType: 'application/json',
        },
      ],
    });
    const request = buildRequest(
      tool,
      {
        q: 'a&b=c',
        tags: ['x', 'y'],
        ids: [1, 2],
        filter: { status: 'open', owner: { id: 7 } },
        sp: ['a', 'b'],
        pp: ['a', 'b'],
        json: { k: 1 },
      },
      base,
    );
    expect(request.url).toBe(
      'http://h/v1/search?q=a%26b%3Dc&tags=x&tags=y&ids=1,2&filter%5Bstatus%5D=open&filter%5Bowner%5D%5Bid%5D=7&sp=a%20b&pp=a|b&json=%7B%22k%22%3A1%7D',
    );
  });

  it('sends header and cookie parameters and rejects header injection', () => {
    const tool = makeTool({
      parameters: [
        { arg: 'trace', name: 'X-Trace-Id', in: 'header', required: false },
        { arg: 'list', name: 'X-List', in: 'header', required: false },
        { arg: 'session', name: 'session', in: 'cookie', required: false },
        { arg: 'theme', name: 'theme', in: 'cookie', required: false },
      ],
    });
    const request = buildRequest(
      tool,
      { trace: 'abc', list: [1, 2], session: 's 1;x', theme: 'dark' },
      base,
    );
    expect(request.headers).toEqual({
      'x-trace-id': 'abc',
      'x-list': '1,2',
      cookie: 'session=s%201%3Bx; theme=dark',
    });
    expect(() => buildRequest(tool, { trace: 'a\r\nX-Evil: 1' }, base)).toThrow(
      /control characters/,
    );
  });

  it('builds JSON bodies from flattened properties or a single value', () => {
    const flattened = makeTool({
      method: 'post',
      path: '/pets',
      body: {
        mediaType: 'application/json',
        required: true,
        kind: 'properties',
        properties: { name: 'name', body_id: 'id' },
      },
    });
    const request = buildRequest(flattened, { name: 'Rex', body_id: 3, unrelated: 1 }, base);
    expect(request).toEqual({
      method: 'POST',
      url: 'http://h/v1/pets',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Rex","id":3}',
    });
    const value = makeTool({
      method: 'put',
      path: '/tags',
      body: { mediaType: 'application/json', required: true, kind: 'value', arg: 'body' },
    });
    expect(buildRequest(value, { body: ['a', 'b'] }, base).body).toBe('["a","b"]');
    expect(buildRequest(value, {}, base)).not.toHaveProperty('body');
  });

  it('sends {} for a required object body when no property was given, and nothing when optional', () => {
    const body = {
      mediaType: 'application/json',
      kind: 'properties' as const,
      properties: { name: 'name' },
    };
    const required = makeTool({ method: 'post', path: '/keys', body: { ...body, required: true } });
    expect(buildRequest(required, {}, base)).toMatchObject({
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const optional = makeTool({
      method: 'post',
      path: '/keys',
      body: { ...body, required: false },
    });
    expect(buildRequest(optional, {}, base)).not.toHaveProperty('body');
  });

  it('encodes form bodies: nested objects in brackets, arrays exploded (form default) without an Encoding Object', () => {
    const tool = makeTool({
      method: 'post',
      body: {
        mediaType: 'application/x-www-form-urlencoded',
        required: true,
        kind: 'properties',
        properties: { amount: 'amount', metadata: 'metadata', expand: 'expand' },
      },
    });
    const request = buildRequest(
      tool,
      { amount: 100, metadata: { order: 'a b' }, expand: ['x', 'y'] },
      base,
    );
    expect(request.body).toBe('amount=100&metadata%5Border%5D=a%20b&expand=x&expand=y');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('refuses a relative base URL and caches the compiled binding per tool', () => {
    const tool = makeTool({});
    expect(() => buildRequest(tool, {}, { baseUrl: '/v1' })).toThrow(RequestBuildError);
    expect(compileBinding(tool)).toBe(compileBinding(tool));
  });
});

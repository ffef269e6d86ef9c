import { describe, expect, it } from 'vitest';
import { mapResponse } from './helpers.js';

const json = { 'Content-Type': 'application/json; charset=utf-8' };

describe('toToolResult', () => {
  it('returns a JSON object as text and structuredContent', () => {
    const result = mapResponse({
      status: 200,
      headers: json,
      body: new TextEncoder().encode('{ "id": 1 }'),
    });
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"id":1}' }],
      structuredContent: { id: 1 },
    });
  });

  it('returns a JSON array as text only (structuredContent must be an object)', () => {
    const result = mapResponse({
      status: 200,
      headers: { 'content-type': 'application/vnd.api+json' },
      body: '[1,2]',
    });
    expect(result).toEqual({ content: [{ type: 'text', text: '[1,2]' }] });
  });

  it('returns plain text as is', () => {
    const result = mapResponse({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(result).toEqual({ content: [{ type: 'text', text: 'hello' }] });
  });

  it('marks a 404 as an error with status line and body', () => {
    const result = mapResponse({ status: 404, headers: json, body: '{"message":"no such pet"}' });
    expect(result).toEqual({
      content: [{ type: 'text', text: 'HTTP 404 Not Found\n{"message":"no such pet"}' }],
      isError: true,
    });
  });

  it('handles an empty 204 and returns a PNG as image content with a text line', () => {
    expect(mapResponse({ status: 204, headers: {}, body: new Uint8Array() })).toEqual({
      content: [{ type: 'text', text: 'HTTP 204 No Content' }],
    });
    const png = mapResponse({
      status: 200,
      headers: { 'content-type': ['image/png'] },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(png.content).toEqual([
      { type: 'text', text: 'Image response: image/png, 3 bytes.' },
      { type: 'image', data: 'AQID', mimeType: 'image/png' },
    ]);
  });

  it('falls back to text when declared JSON does not parse', () => {
    const result = mapResponse({ status: 500, headers: json, body: 'oops' });
    expect(result).toEqual({
      content: [{ type: 'text', text: 'HTTP 500 Internal Server Error\noops' }],
      isError: true,
    });
  });
});

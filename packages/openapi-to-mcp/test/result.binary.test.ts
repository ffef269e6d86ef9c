import { describe, expect, it } from 'vitest';
import { mapResponse } from './helpers.js';

const bytes = new Uint8Array([37, 80, 68, 70]); // "%PDF"

describe('toToolResult: binary, empty and truncated bodies', () => {
  it('returns a PDF as an embedded resource with base64 blob, mime type and a text line', () => {
    const result = mapResponse({
      status: 200,
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
      url: 'https://api.example.com/invoices/1.pdf',
    });
    expect(result).toEqual({
      content: [
        {
          type: 'text',
          text: 'Binary response: application/pdf, 4 bytes, attached as a resource (base64 blob).',
        },
        {
          type: 'resource',
          resource: {
            uri: 'https://api.example.com/invoices/1.pdf',
            mimeType: 'application/pdf',
            blob: 'JVBERg==',
          },
        },
      ],
    });
  });

  it('uses a placeholder uri without url, audio content for audio, and keeps isError on binary errors', () => {
    const octet = mapResponse({
      status: 500,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
    });
    expect(octet.isError).toBe(true);
    expect(octet.content[1]).toMatchObject({
      type: 'resource',
      resource: { uri: 'urn:portico:response' },
    });
    expect(octet.content[0]).toEqual({
      type: 'text',
      text: 'HTTP 500 Internal Server Error\nBinary response: application/octet-stream, 4 bytes, attached as a resource (base64 blob).',
    });
    const audio = mapResponse({
      status: 200,
      headers: { 'content-type': 'audio/mpeg' },
      body: bytes,
    });
    expect(audio.content[1]).toEqual({ type: 'audio', data: 'JVBERg==', mimeType: 'audio/mpeg' });
  });

  it('says HTTP 204 No Content for an empty 204 and the status line for an empty 201', () => {
    expect(mapResponse({ status: 204, headers: {}, body: '' })).toEqual({
      content: [{ type: 'text', text: 'HTTP 204 No Content' }],
    });
    expect(
      mapResponse({
        status: 201,
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(),
      }),
    ).toEqual({
      content: [{ type: 'text', text: 'HTTP 201 Created' }],
    });
  });

  it('never claims structuredContent for a truncated JSON body, and says it was cut', () => {
    const result = mapResponse({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"items":[1,2,',
      truncated: true,
      totalBytes: 5000,
    });
    expect(result).toEqual({
      content: [{ type: 'text', text: '{"items":[1,2,\n[truncated: showing 14 of 5000 bytes]' }],
    });
  });

  it('does not return a truncated binary body, only describes it', () => {
    const result = mapResponse({
      status: 200,
      headers: { 'content-type': 'image/png' },
      body: bytes,
      truncated: true,
      totalBytes: 9_000_000,
    });
    expect(result).toEqual({
      content: [
        {
          type: 'text',
          text: 'Binary response: image/png, 9000000 bytes, over the size limit: not returned.',
        },
      ],
    });
  });
});

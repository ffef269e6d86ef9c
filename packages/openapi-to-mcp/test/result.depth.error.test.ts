import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../src/result.js';
import { mapResponse } from './helpers.js';

const json = { 'content-type': 'application/json' };
const nested = (depth: number, open = '[', close = ']'): string =>
  open.repeat(depth) + close.repeat(depth);
const nestedObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Issue 8 item 6: hostile upstream bodies give tool errors, never a RangeError (JSON-RPC -32603). */
describe('toToolResult on deeply nested JSON', () => {
  it('200,000 nested arrays: an error result naming the limit, nothing thrown', () => {
    const result = mapResponse({ status: 200, headers: json, body: nested(200_000) });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toHaveLength(1);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(text).toContain('HTTP 200 OK');
    expect(text).toContain('do not repeat it');
    // The body itself is not handed back.
    expect(text.length).toBeLessThan(300);
  });

  it('deeply nested objects, as bytes, and without a content type (sniffed as JSON)', () => {
    for (const headers of [json, {}]) {
      const body = new TextEncoder().encode(nestedObject(100_000));
      const result = mapResponse({ status: 201, headers, body });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });

  it('an error status with a deep body: still the status line and the limit, no retry hint', () => {
    const result = mapResponse({ status: 502, headers: json, body: nested(50_000) });
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text.startsWith('HTTP 502 Bad Gateway\n')).toBe(true);
    expect(text).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(text).not.toContain('do not repeat');
  });

  it('exactly at the limit the body is mapped as usual; one level more is refused', () => {
    const atLimit = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}[]${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
    const ok = mapResponse({ status: 200, headers: json, body: atLimit });
    expect(ok.isError).toBeUndefined();
    expect(ok.structuredContent).toEqual(JSON.parse(atLimit));
    const over = mapResponse({ status: 200, headers: json, body: `[${atLimit}]` });
    expect(over.isError).toBe(true);
  });

  it('brackets inside strings do not count, escaped quotes included', () => {
    const body = JSON.stringify({ text: `${'['.repeat(10_000)}\\"${'{'.repeat(10_000)}` });
    const result = mapResponse({ status: 200, headers: json, body });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual(JSON.parse(body));
  });

  it('a truncated or plain-text deep body is returned as text (it is never parsed)', () => {
    const text = nested(10_000);
    const cut = mapResponse({ status: 200, headers: json, body: text, truncated: true });
    expect(cut.isError).toBeUndefined();
    const plain = mapResponse({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: text,
    });
    expect(plain).toEqual({ content: [{ type: 'text', text }] });
  });
});

describe('nestsDeeperThan', () => {
  it('agrees with the real nesting depth of any JSON value', () => {
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === 'object'
        ? 1 + Math.max(0, ...Object.values(value as object).map(depthOf))
        : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(value) > max);
      }),
    );
  });
});

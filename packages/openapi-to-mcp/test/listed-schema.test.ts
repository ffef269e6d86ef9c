import { describe, expect, it } from 'vitest';
import { listedSchema } from '../src/index.js';

describe('listedSchema', () => {
  it('turns boolean subschemas that name a value into objects, at any depth', () => {
    const stored = JSON.parse(
      '{"type":"object","properties":{"a":false,"b":{"type":"object","properties":{"__proto__":true}}},' +
        '"$defs":{"N":false},"allOf":[true],"items":{"prefixItems":[false]},"additionalProperties":false}',
    );
    const listed = listedSchema(stored);
    expect(JSON.stringify(listed)).toBe(
      '{"type":"object","properties":{"a":{"not":{}},"b":{"type":"object","properties":{"__proto__":{}}}},' +
        '"$defs":{"N":{"not":{}}},"allOf":[{}],"items":{"prefixItems":[{"not":{}}]},"additionalProperties":false}',
    );
    // The input is never changed; switches such as additionalProperties keep their boolean.
    expect(stored.properties.a).toBe(false);
    expect(Object.getPrototypeOf(listed.properties)).toBeNull();
  });

  it('returns the same object when there is nothing to change', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    };
    expect(listedSchema(schema)).toBe(schema);
  });
});

import { describe, expect, it } from 'vitest';
import { convertOpenApi, type JsonSchema } from '../src/index.js';
import { tool } from './helpers.js';

/**
 * Issue 8 item 11: a boolean where a schema names a value (Vercel and Codat put
 * `additionalProperties: false` inside `properties`) made the v1 MCP SDK client reject the whole
 * tools/list. Such booleans become objects of the same meaning, and the report says where.
 */
function document(openapi: '3.0.3' | '3.1.0'): string {
  return JSON.stringify({
    openapi,
    info: { title: 'Booleans', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/records/{id}': {
        patch: {
          operationId: 'updateRecord',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    name: { type: 'string' },
                    // The authoring slip of Vercel's document: the keyword inside properties.
                    additionalProperties: false,
                    anything: true,
                    tags: { type: 'array', items: { type: 'string' }, prefixItems: [true] },
                    either: { anyOf: [false, { type: 'integer' }] },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Connection' },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Connection: {
          type: 'object',
          properties: { id: { type: 'string' }, additionalProperties: false, extra: true },
        },
      },
    },
  });
}

/** Every schema position under `schema` that holds a boolean, as a JSON pointer. */
function booleanSchemas(schema: unknown, at = ''): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
      for (const [name, sub] of Object.entries(value as object)) {
        if (typeof sub === 'boolean') found.push(`${at}/${key}/${name}`);
        else found.push(...booleanSchemas(sub, `${at}/${key}/${name}`));
      }
    } else if (['allOf', 'anyOf', 'oneOf', 'prefixItems'].includes(key) && Array.isArray(value)) {
      value.forEach((sub, i) => {
        if (typeof sub === 'boolean') found.push(`${at}/${key}/${i}`);
        else found.push(...booleanSchemas(sub, `${at}/${key}/${i}`));
      });
    } else if (typeof value === 'object') {
      found.push(...booleanSchemas(value, `${at}/${key}`));
    }
  }
  return found;
}

describe.each(['3.0.3', '3.1.0'] as const)('boolean subschemas (OpenAPI %s)', (openapi) => {
  const { manifest, report } = convertOpenApi(document(openapi));
  const update = tool(manifest, 'updateRecord');
  const input = update.inputSchema as JsonSchema & { properties: Record<string, JsonSchema> };
  const output = update.outputSchema as JsonSchema;

  it('no property or schema-list entry is a boolean, in inputSchema, outputSchema or $defs', () => {
    expect(booleanSchemas(input)).toEqual([]);
    expect(booleanSchemas(output)).toEqual([]);
  });

  it('true is {} and false is {"not": {}}: the meaning is kept', () => {
    expect(input.properties.additionalProperties).toEqual({ not: {} });
    expect(input.properties.anything).toEqual({});
    expect(input.properties.tags?.prefixItems).toEqual([{}]);
    expect(input.properties.either?.anyOf).toEqual([{ not: {} }, { type: 'integer' }]);
    // The response's root $ref is inlined: Connection's properties are the outputSchema's.
    expect(output.properties).toEqual({
      id: { type: 'string' },
      additionalProperties: { not: {} },
      extra: {},
    });
  });

  it('booleans where keywords take them as switches stay (additionalProperties: false)', () => {
    const nested = convertOpenApi(
      JSON.stringify({
        openapi,
        info: { title: 't', version: '1' },
        paths: {
          '/x': {
            post: {
              operationId: 'x',
              requestBody: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        inner: { type: 'object', additionalProperties: false, properties: {} },
                      },
                    },
                  },
                },
              },
              responses: { '204': { description: 'none' } },
            },
          },
        },
      }),
    ).manifest.tools[0]?.inputSchema as { properties: { inner: JsonSchema } };
    expect(nested.properties.inner.additionalProperties).toBe(false);
  });

  it('the report names each rewritten boolean with its pointer, and the likely slip', () => {
    const notes = report.warnings.filter((w) => w.message.startsWith('boolean schema'));
    const pointers = notes.map((w) => w.pointer);
    expect(pointers).toContain('/components/schemas/Connection/properties/additionalProperties');
    expect(pointers).toContain(
      '/paths/~1records~1{id}/patch/requestBody/content/application~1json/schema/properties/additionalProperties',
    );
    expect(pointers).toContain(
      '/paths/~1records~1{id}/patch/requestBody/content/application~1json/schema/properties/anything',
    );
    const slip = notes.find((w) =>
      w.pointer.endsWith('Connection/properties/additionalProperties'),
    );
    expect(slip?.message).toBe(
      'boolean schema false served as {"not":{}} (a property named "additionalProperties": the keyword written inside "properties"?): MCP clients refuse a tool list whose property schema is a boolean',
    );
    // Each position is reported once, however many tools use it.
    expect(new Set(pointers).size).toBe(pointers.length);
  });
});

it('a parameter whose whole schema is a boolean (OpenAPI 3.1) is an object argument', () => {
  const { manifest } = convertOpenApi(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'getX',
            parameters: [
              { name: 'free', in: 'query', schema: true },
              { name: 'never', in: 'query', schema: false },
            ],
            responses: { '204': { description: 'none' } },
          },
        },
      },
    }),
  );
  expect(manifest.tools[0]?.inputSchema.properties).toEqual({ free: {}, never: { not: {} } });
});

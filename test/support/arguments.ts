import { generateSync } from 'json-schema-faker';

/**
 * Arguments for a tool, generated from its inputSchema by a schema-sampling library
 * (json-schema-faker: JSON Schema 2020-12, `$defs`, regex `pattern`s, formats). Seeded, so a run is
 * reproducible; optional properties are included at random (half of them) so serialization of
 * optional parameters and nested bodies is exercised too, but nothing beyond the schema is added.
 */
export function sampleArguments(
  inputSchema: Record<string, unknown>,
  seed = 1,
): Record<string, unknown> {
  const value = generateSync(inputSchema as never, {
    seed,
    maxDepth: 4,
    optionalsProbability: 0.5,
    fillProperties: false,
  });
  return (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<
    string,
    unknown
  >;
}

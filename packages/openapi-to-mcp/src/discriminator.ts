import { isObject, own, ownObject, ownString } from './json.js';
import type { JsonSchema } from './manifest.js';

/**
 * Makes an OpenAPI `discriminator` (OpenAPI 3.1 section 4.8.25) usable by JSON Schema clients:
 * each `oneOf`/`anyOf` branch that is a `$ref` gets its discriminator property constrained to the
 * value(s) that select it (`const`, or `enum` when several mapping values point at one branch),
 * and made required. Values come from `mapping` (values are refs or component names); a branch
 * with no mapping entry is selected by its component name (the spec's implicit mapping).
 * `source` is the raw OpenAPI schema (for the branches' original refs); `out` the shaped one.
 */
export function applyDiscriminator(out: JsonSchema, source: Record<string, unknown>): void {
  const discriminator = ownObject(source, 'discriminator');
  const property = ownString(discriminator, 'propertyName');
  if (property === undefined) return;
  const mapping = ownObject(discriminator, 'mapping') ?? {};
  for (const key of ['oneOf', 'anyOf'] as const) {
    const raw = own(source, key);
    const shaped = out[key];
    if (!Array.isArray(raw) || !Array.isArray(shaped) || raw.length !== shaped.length) continue;
    out[key] = shaped.map((branch, i) => {
      const ref = ownString(raw[i], '$ref');
      if (ref === undefined || !isObject(branch)) return branch;
      const name = decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1));
      const values = Object.keys(mapping).filter((v) => mapping[v] === ref || mapping[v] === name);
      if (values.length === 0) values.push(name);
      const constraint = values.length === 1 ? { const: values[0] } : { enum: values };
      return {
        ...branch,
        type: 'object',
        properties: { [property]: constraint },
        required: [property],
      };
    });
  }
}

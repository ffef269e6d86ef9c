import type { Ajv, ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * The Ajv one tool set's validators share (JSON Schema 2020-12, formats on). `strict: false`
 * because OpenAPI-derived schemas carry annotations (example, x-*) Ajv's strict mode rejects;
 * `allErrors` so a client learns every wrong argument at once; `ownProperties` so a property named
 * `toString` or `constructor` is present only when given, not by inheritance.
 */
export function createToolAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateFormats: true,
    ownProperties: true,
  });
  addFormats(ajv as unknown as Ajv);
  return ajv;
}

/** Ajv errors as a short human sentence: `/limit must be integer; must have required property 'id'`. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'arguments do not match the inputSchema';
  return errors
    .slice(0, 10)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

import { type DefLookup, mergeAllOf } from './allof.js';
import { asObjectSchema, booleanSchemaWarning } from './boolean-schemas.js';
import { applyDiscriminator } from './discriminator.js';
import { OperationSkip } from './errors.js';
import { appendPointer, isObject, type JsonObject, own, parseFragment, setOwn } from './json.js';
import {
  finish,
  isValidPattern,
  SCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  shapeLeafKeyword,
  shapeType,
} from './keywords.js';
import type { JsonSchema } from './manifest.js';
import { defName } from './names.js';
import type { RefResolver } from './refs.js';

/** `input`: tool arguments (readOnly properties removed); `output`: responses (writeOnly removed). */
export type ShapeMode = 'input' | 'output';

/** Documentation keywords a `$ref` may carry beside it in every OpenAPI version. */
const DOC_KEYWORDS = new Set(['title', 'description', 'deprecated', 'readOnly', 'writeOnly']);

/**
 * `$ref` siblings that neither validate nor were handled above: annotations, OpenAPI words.
 * Everything else beside a `$ref` (required, properties, minLength, ...) constrains the value.
 */
const NOT_VALIDATION = new Set([
  ...DOC_KEYWORDS,
  '$ref',
  'nullable',
  'default',
  'example',
  'examples',
  'discriminator',
  'xml',
  'externalDocs',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
]);

interface DefEntry {
  schema?: JsonSchema;
  refs: Set<string>;
  error?: unknown;
}

/** A shaped schema plus the `$defs` names it references directly. */
export interface Shaped {
  /** Always an object: a boolean root is normalized like a property's (see {@link asObjectSchema}). */
  schema: JsonSchema;
  refs: Set<string>;
}

/**
 * Turns OpenAPI schemas (3.0 dialect, Swagger 2.0, or 3.1 = JSON Schema 2020-12) into valid
 * JSON Schema 2020-12. Every `$ref` becomes `#/$defs/<Name>`; each referenced schema is shaped
 * once per mode and cached, so recursive schemas stay references and large documents stay fast.
 * One instance per document; not thread-safe state, but there are no threads.
 */
export class SchemaShaper {
  private readonly resolver: RefResolver;
  /** OpenAPI 3.0 and Swagger 2.0 ignore `$ref` siblings (we apply them, and say so); 3.1 does not. */
  private readonly siblingsIgnoredBySpec: boolean;
  private readonly siblingPointers = new Set<string>();
  private readonly booleanPointers = new Set<string>();
  /** Document-level findings (pointer, message): `$ref`s whose sibling keywords were applied. */
  readonly warnings: { pointer: string; message: string }[] = [];
  private readonly namesByPointer = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly defs: Record<ShapeMode, Map<string, DefEntry>> = {
    input: new Map(),
    output: new Map(),
  };

  constructor(
    resolver: RefResolver,
    componentPointers: string[],
    refSiblingsIgnoredBySpec = false,
  ) {
    this.resolver = resolver;
    this.siblingsIgnoredBySpec = refSiblingsIgnoredBySpec;
    // Component names are reserved first, in document order, so they keep their own names.
    for (const pointer of componentPointers) this.nameFor(pointer);
  }

  /**
   * Shapes `schema`; `refs` receives the def names it uses directly. The result is always an
   * object: callers put it where a value's schema goes (a parameter's or a body's argument).
   */
  shape(schema: unknown, pointer: string, mode: ShapeMode): Shaped {
    const refs = new Set<string>();
    return { schema: this.member(schema, pointer, mode, refs), refs };
  }

  /**
   * Like shape, but a root `$ref` is replaced by the shaped schema it designates, so callers can
   * read the root's `type` and `properties` (tool roots must be objects).
   */
  shapeInlined(schema: unknown, pointer: string, mode: ShapeMode): Shaped {
    let current = schema;
    let at = pointer;
    for (let hop = 0; hop < 32 && isObject(current) && typeof current.$ref === 'string'; hop++) {
      if (Object.keys(current).some((k) => k !== '$ref' && !k.startsWith('x-'))) break;
      const target = this.resolver.lookup(current.$ref, appendPointer(at, '$ref'));
      current = target.value;
      at = target.pointer;
    }
    return this.shape(current, at, mode);
  }

  /**
   * The shaped schema a `#/$defs/<name>` reference designates, following references between defs;
   * undefined when unknown or still being shaped (recursion).
   */
  definition(ref: string, mode: ShapeMode): JsonSchema | undefined {
    let current: string = ref;
    for (let hop = 0; hop < 32; hop++) {
      if (!current.startsWith('#/$defs/')) return undefined;
      const schema = this.defs[mode].get(current.slice('#/$defs/'.length))?.schema;
      if (schema === undefined || typeof schema.$ref !== 'string') return schema;
      if (Object.keys(schema).some((k) => !DOC_KEYWORDS.has(k) && k !== '$ref')) return schema;
      current = schema.$ref;
    }
    return undefined;
  }

  /** The shaped schemas (`$defs`) of `refs` and of everything they reference, names sorted. */
  closure(refs: Set<string>, mode: ShapeMode): Record<string, JsonSchema> {
    const seen = new Set<string>();
    const queue = [...refs];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = this.defs[mode].get(name);
      if (entry !== undefined) for (const next of entry.refs) queue.push(next);
    }
    const out: Record<string, JsonSchema> = {};
    for (const name of [...seen].sort()) {
      const schema = this.defs[mode].get(name)?.schema;
      if (schema !== undefined) setOwn(out, name, schema);
    }
    return out;
  }

  private nameFor(pointer: string): string {
    let name = this.namesByPointer.get(pointer);
    if (name === undefined) {
      name = defName(pointer, this.usedNames);
      this.usedNames.add(name);
      this.namesByPointer.set(pointer, name);
    }
    return name;
  }

  private ref(ref: string, pointer: string, mode: ShapeMode, refs: Set<string>): string {
    const target = this.resolver.lookup(ref, pointer);
    const name = this.nameFor(target.pointer);
    refs.add(name);
    const cache = this.defs[mode];
    const entry = cache.get(name);
    if (entry?.error !== undefined) throw entry.error;
    if (entry === undefined) {
      // Registered before shaping, so a cycle back to this schema ends as a plain reference.
      const fresh: DefEntry = { refs: new Set() };
      cache.set(name, fresh);
      try {
        fresh.schema = asObjectSchema(this.node(target.value, target.pointer, mode, fresh.refs));
      } catch (error) {
        fresh.error = error;
        throw error;
      }
    }
    return `#/$defs/${name}`;
  }

  private node(
    schema: unknown,
    pointer: string,
    mode: ShapeMode,
    refs: Set<string>,
  ): JsonSchema | boolean {
    if (typeof schema === 'boolean') return schema;
    if (!isObject(schema)) return {};
    const out: JsonSchema = {};
    const ref = own(schema, '$ref');
    if (typeof ref === 'string') {
      // The target's name goes to `refs` unless siblings merge the target inline (no $ref left).
      const target = new Set<string>();
      out.$ref = this.ref(ref, appendPointer(pointer, '$ref'), mode, target);
      // OpenAPI 3.0 ignores $ref siblings; their documentation and nullability are still meant.
      for (const key of DOC_KEYWORDS) {
        const value = own(schema, key);
        if (value !== undefined) this.keyword(out, key, value, schema, pointer, mode, refs);
      }
      const constrained = this.refSiblings(out, schema, pointer, mode, refs);
      if (constrained === undefined || constrained.allOf !== undefined) {
        for (const name of target) refs.add(name);
      }
      if (constrained !== undefined) return constrained;
      if (own(schema, 'nullable') === true || own(schema, 'x-nullable') === true) {
        return { anyOf: [{ $ref: out.$ref }, { type: 'null' }], ...withoutRef(out) };
      }
      return out;
    }
    for (const key of Object.keys(schema)) {
      this.keyword(out, key, schema[key], schema, pointer, mode, refs);
    }
    if (own(schema, 'discriminator') !== undefined) applyDiscriminator(out, schema);
    const merged = out.allOf !== undefined ? mergeAllOf(out, this.lookupDef(mode), refs) : out;
    return finish(merged, schema);
  }

  /**
   * Validation keywords beside a `$ref` (DigitalOcean's `{ $ref, required: [...] }`): OpenAPI 3.0
   * says they are ignored, but authors mean them and validators such as Prism apply them, so the
   * schema becomes `allOf: [{ $ref }, siblings]`, merged into one object when possible (see
   * mergeAllOf). In 3.0/2.0 a sibling `type` stays ignored: in real documents it either repeats
   * the target's type or contradicts it. Undefined when there is nothing to apply.
   */
  private refSiblings(
    out: JsonSchema,
    schema: JsonObject,
    pointer: string,
    mode: ShapeMode,
    refs: Set<string>,
  ): JsonSchema | undefined {
    const keys = Object.keys(schema).filter(
      (k) =>
        !NOT_VALIDATION.has(k) &&
        !k.startsWith('x-') &&
        !(k === 'type' && this.siblingsIgnoredBySpec),
    );
    if (keys.length === 0) return undefined;
    const extra: JsonSchema = {};
    for (const key of keys) this.keyword(extra, key, schema[key], schema, pointer, mode, refs);
    if (Object.keys(extra).length === 0) return undefined;
    if (this.siblingsIgnoredBySpec && !this.siblingPointers.has(pointer)) {
      this.siblingPointers.add(pointer);
      this.warnings.push({
        pointer,
        message: `$ref with sibling keyword(s) ${Object.keys(extra).join(', ')}: applied, although OpenAPI 3.0 ignores $ref siblings (the author's intent, and what validators such as Prism do)`,
      });
    }
    const { $ref, ...docs } = out;
    const combined: JsonSchema = { ...docs, allOf: [{ $ref }, extra] };
    return finish(mergeAllOf(combined, this.lookupDef(mode), refs), schema);
  }

  /** A finished `$defs` entry by `#/$defs/<name>` ref; undefined while it is being shaped. */
  private lookupDef(mode: ShapeMode): DefLookup {
    return (ref) => {
      const entry = this.defs[mode].get(ref.slice('#/$defs/'.length));
      return entry?.schema !== undefined ? { schema: entry.schema, refs: entry.refs } : undefined;
    };
  }

  private keyword(
    out: JsonSchema,
    key: string,
    value: unknown,
    schema: JsonObject,
    pointer: string,
    mode: ShapeMode,
    refs: Set<string>,
  ): void {
    if (key === 'type') {
      const type = shapeType(value);
      if (type !== undefined) out.type = type;
      if (value === 'file') out.format = 'binary';
    } else if (key === 'properties' || key === 'patternProperties' || key === 'dependentSchemas') {
      if (!isObject(value)) return;
      const map: JsonObject = {};
      for (const name of Object.keys(value)) {
        if (key === 'patternProperties' && !isValidPattern(name)) continue;
        const sub = value[name];
        if (key === 'properties' && this.hiddenIn(mode, sub)) continue;
        setOwn(map, name, this.member(sub, appendPointer(pointer, key, name), mode, refs));
      }
      out[key] = map;
    } else if (key === 'items') {
      if (Array.isArray(value)) {
        if (value.length > 0) out.prefixItems = this.list(value, pointer, key, mode, refs);
      } else {
        out.items = this.node(value, appendPointer(pointer, key), mode, refs);
      }
    } else if (key === 'additionalProperties' && mode === 'output' && value === false) {
      // Upstreams add fields before their descriptions do: a closed output schema would make
      // clients reject real responses.
      return;
    } else if (key === 'additionalProperties' || SUBSCHEMA_KEYWORDS.has(key)) {
      out[key] = this.node(value, appendPointer(pointer, key), mode, refs);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key)) {
      if (Array.isArray(value) && value.length > 0) {
        out[key] = this.list(value, pointer, key, mode, refs);
      }
    } else {
      shapeLeafKeyword(out, key, value, schema);
    }
  }

  private list(
    values: unknown[],
    pointer: string,
    key: string,
    mode: ShapeMode,
    refs: Set<string>,
  ): (JsonSchema | boolean)[] {
    return values.map((v, i) => this.member(v, appendPointer(pointer, key, i), mode, refs));
  }

  /**
   * A schema that names a value (a property's, a parameter's, an allOf/anyOf/oneOf/prefixItems
   * entry): shaped, and a boolean made an object ({@link asObjectSchema}), with a document warning
   * at its pointer. Booleans stay where keywords take them as switches (`additionalProperties`,
   * `items`, `unevaluated*`, `not`, `if`/`then`/`else`, `contains`, `propertyNames`): every
   * client and validator reads those.
   */
  private member(schema: unknown, pointer: string, mode: ShapeMode, refs: Set<string>): JsonSchema {
    const shaped = this.node(schema, pointer, mode, refs);
    if (typeof shaped !== 'boolean') return shaped;
    if (!this.booleanPointers.has(pointer)) {
      this.booleanPointers.add(pointer);
      this.warnings.push({ pointer, message: booleanSchemaWarning(pointer, shaped) });
    }
    return asObjectSchema(shaped);
  }

  /** readOnly properties are not arguments; writeOnly ones never come back. */
  private hiddenIn(mode: ShapeMode, sub: unknown): boolean {
    const flag = mode === 'input' ? 'readOnly' : 'writeOnly';
    if (own(sub, flag) === true) return true;
    const ref = own(sub, '$ref');
    if (typeof ref !== 'string') return false;
    const tokens = parseFragment(ref);
    if (tokens === undefined) return false;
    try {
      return own(this.resolver.lookup(ref, '').value, flag) === true;
    } catch (error) {
      if (error instanceof OperationSkip) return false;
      throw error;
    }
  }
}

function withoutRef(out: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = out;
  return rest;
}

import { OperationSkip, SpecError } from './errors.js';
import { isObject, type JsonObject, own, parseFragment, pointerOf, resolveTokens } from './json.js';

/** A node of the document together with the JSON pointer it was read from. */
export interface Located<T = JsonObject> {
  value: T;
  pointer: string;
}

/** Longest `$ref` -> `$ref` chain followed before the chain is declared circular. */
const MAX_REF_CHAIN = 32;

/**
 * Resolves local `$ref`s of non-schema objects (parameters, request bodies, responses, path items),
 * which are inlined. Schemas are not inlined here: see SchemaShaper, which keeps them as `$defs`.
 */
export class RefResolver {
  readonly root: JsonObject;

  constructor(root: JsonObject) {
    this.root = root;
  }

  /**
   * Returns the object `value` designates after following its `$ref` chain, with the pointer of the
   * object finally read. `T` names the OpenAPI object expected there (see document.ts); only "is
   * an object" is checked. Throws SpecError SPEC_EXTERNAL_REF for a non-local ref, OperationSkip
   * for a dangling or circular chain (the caller skips the operation that needed it).
   */
  deref<T extends object = JsonObject>(value: unknown, pointer: string): Located<T> {
    let current = value;
    let at = pointer;
    for (let hop = 0; hop <= MAX_REF_CHAIN; hop++) {
      if (!isObject(current)) {
        throw new OperationSkip(at, `expected an object at ${at || '/'}`);
      }
      const ref = own(current, '$ref');
      if (typeof ref !== 'string') return { value: current as T, pointer: at };
      const target = this.lookup(ref, `${at}/$ref`);
      current = target.value;
      at = target.pointer;
    }
    throw new OperationSkip(pointer, `circular $ref chain starting at ${pointer}`);
  }

  /** The node a local `$ref` designates. Same errors as deref. */
  lookup(ref: string, refPointer: string): Located<unknown> {
    if (!ref.startsWith('#')) {
      throw new SpecError('SPEC_EXTERNAL_REF', refPointer, `external $ref "${ref}" refused`);
    }
    const tokens = parseFragment(ref);
    const target = tokens === undefined ? undefined : resolveTokens(this.root, tokens);
    if (target === undefined || tokens === undefined) {
      throw new OperationSkip(refPointer, `unresolvable $ref "${ref}" at ${refPointer}`);
    }
    return { value: target, pointer: pointerOf(...tokens) };
  }
}

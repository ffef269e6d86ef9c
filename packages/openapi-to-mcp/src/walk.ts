import { SpecError } from './errors.js';
import { escapeToken, isObject, type JsonObject, own } from './json.js';

interface Frame {
  node: unknown;
  key: string;
  parent: Frame | undefined;
  depth: number;
}

/** Keys whose values are literal data, not OpenAPI objects: a `$ref` inside them is never resolved. */
const LITERAL_KEYS = new Set(['example', 'default', 'enum', 'const']);

export interface WalkResult {
  /** Pointers of Swagger 2.0 bare-name refs (`$ref: Product`) rewritten to `#/definitions/Product`. */
  rewrittenBareRefs: string[];
}

/**
 * One iterative pass over the whole document, before anything else reads it:
 * - caps nesting depth (SPEC_TOO_DEEP) so later recursive steps cannot overflow the stack;
 * - refuses every `$ref` that is not local (SPEC_EXTERNAL_REF): no file or URL is ever read;
 * - in Swagger 2.0 documents, rewrites a bare `$ref: Name` naming an existing definition to
 *   `#/definitions/Name` (the old shorthand used by e.g. Uber's example).
 * Vendor extensions (`x-*`) and literal values (examples, defaults) are not inspected.
 */
export function walkDocument(root: JsonObject, maxDepth: number, swagger2: boolean): WalkResult {
  const definitions = swagger2 ? own(root, 'definitions') : undefined;
  const rewrittenBareRefs: string[] = [];
  const stack: Frame[] = [{ node: root, key: '', parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node, depth } = frame;
    if (depth > maxDepth) {
      throw new SpecError(
        'SPEC_TOO_DEEP',
        pointerOfFrame(frame),
        `nesting deeper than ${maxDepth}`,
      );
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const child = node[i];
        if (typeof child === 'object' && child !== null) {
          stack.push({ node: child, key: String(i), parent: frame, depth: depth + 1 });
        }
      }
      continue;
    }
    if (!isObject(node)) continue;
    const ref = own(node, '$ref');
    if (typeof ref === 'string' && !ref.startsWith('#')) {
      if (definitions !== undefined && /^[A-Za-z0-9_.-]+$/.test(ref) && own(definitions, ref)) {
        node.$ref = `#/definitions/${escapeToken(ref)}`;
        rewrittenBareRefs.push(`${pointerOfFrame(frame)}/$ref`);
      } else {
        throw new SpecError(
          'SPEC_EXTERNAL_REF',
          `${pointerOfFrame(frame)}/$ref`,
          `external $ref "${ref.slice(0, 200)}" refused: only local references (#/...) are resolved`,
        );
      }
    }
    const inPropertiesMap = frame.key === 'properties' || frame.key === 'patternProperties';
    const isExampleObject = frame.parent?.key === 'examples';
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-')) continue;
      if (!inPropertiesMap && LITERAL_KEYS.has(key)) continue;
      if (isExampleObject && key === 'value') continue;
      const child = node[key];
      if (typeof child !== 'object' || child === null) continue;
      if (key === 'examples' && !inPropertiesMap && Array.isArray(child)) continue;
      stack.push({ node: child, key, parent: frame, depth: depth + 1 });
    }
  }
  return { rewrittenBareRefs };
}

function pointerOfFrame(frame: Frame): string {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) {
    tokens.push(escapeToken(f.key));
  }
  return tokens.length === 0 ? '' : `/${tokens.reverse().join('/')}`;
}

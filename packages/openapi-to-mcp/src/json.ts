/** Small helpers over parsed JSON that never read inherited properties (prototype-safe). */

export type JsonObject = { [key: string]: unknown };

const hasOwn = Object.prototype.hasOwnProperty;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]` only when it is an own property: keys like `constructor` must not reach Object.prototype. */
export function own(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return hasOwn.call(obj, key) ? (obj as JsonObject)[key] : undefined;
}

/**
 * `obj[key]` when it is an own property holding an object. `T` names the OpenAPI object the field
 * should hold (see document.ts); only "is an object" is checked, so read its fields with `own`.
 */
export function ownObject<T extends object = JsonObject>(obj: unknown, key: string): T | undefined {
  const value = own(obj, key);
  return isObject(value) ? (value as T) : undefined;
}

export function ownString(obj: unknown, key: string): string | undefined {
  const value = own(obj, key);
  return typeof value === 'string' ? value : undefined;
}

/** Sets a key as an own data property even when it is `__proto__` (plain assignment would set the prototype). */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

/**
 * A null-prototype copy of `obj`'s own enumerable entries: looking up a key the caller did not
 * give (`toString`, `constructor`) yields undefined instead of an Object.prototype member, and an
 * own `__proto__` entry (JSON.parse makes one) stays an entry.
 */
export function ownCopy(obj: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) out[key] = value;
  return out;
}

/** RFC 6901 reference token escaping. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...tokens: (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += `/${escapeToken(String(token))}`;
  return out;
}

export function appendPointer(base: string, ...tokens: (string | number)[]): string {
  return base + pointerOf(...tokens);
}

/**
 * Parses the fragment of a local `$ref` (`#/a/b~1c`, percent-encoded per RFC 3986) into tokens.
 * Returns undefined for fragments that are not JSON pointers (e.g. plain-name anchors).
 */
export function parseFragment(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let fragment = ref.slice(1);
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // A literal `%` that is not an escape: use the fragment as written.
  }
  return fragment
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows tokens from `root`; undefined when any step is missing. */
export function resolveTokens(root: unknown, tokens: string[]): unknown {
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else {
      node = own(node, token);
    }
    if (node === undefined) return undefined;
  }
  return node;
}

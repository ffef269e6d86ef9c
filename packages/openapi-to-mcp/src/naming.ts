import type { HttpMethod } from './manifest.js';

/** MCP tool names (and our `$defs` and argument names): `^[A-Za-z0-9_.-]{1,64}$`. */
export const NAME_MAX = 64;
/** What every tool name matches (MCP tool names as Portico and common clients accept them). */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const INVALID_RUN = /[^A-Za-z0-9_.-]+/g;

/**
 * FNV-1a 32-bit as 8 hex digits: a short, stable, dependency-free digest for truncated names
 * (not a security hash; collisions are still resolved by suffixes).
 */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Replaces each run of characters outside `[A-Za-z0-9_.-]` with `_`, trims `_` at the ends, and
 * cuts names over `max` to `max - 9` characters + `_` + the hash of the whole original, so two long
 * names sharing a prefix stay distinct. Returns `''` when nothing usable is left.
 */
export function sanitizeName(raw: string, max = NAME_MAX): string {
  const cleaned = raw.replace(INVALID_RUN, '_').replace(/^_+|_+$/g, '');
  if (cleaned.length <= max) return cleaned;
  return `${cleaned.slice(0, max - 9)}_${shortHash(raw)}`;
}

/** `get /pets/{petId}` -> `get_pets_petId`: the name of an operation without operationId. */
export function nameFromRoute(method: HttpMethod, path: string): string {
  return sanitizeName(`${method}_${path.replace(/[{}]/g, '').replace(/^\/+/, '')}`) || method;
}

/**
 * First free name among `base`, `base_2`, `base_3`, ... (cut so the suffix fits in 64 characters).
 * Callers visit candidates in document order, which makes the result deterministic.
 */
export function uniqueName(base: string, taken: Set<string>, max = NAME_MAX): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * `$defs` name for a schema at `pointer`: the component name for `/components/schemas/X` and
 * Swagger's `/definitions/X`, else the sanitized pointer; unique against `taken`.
 */
export function defName(pointer: string, taken: Set<string>): string {
  const match = /^\/(?:components\/schemas|definitions)\/([^/]+)$/.exec(pointer);
  const raw = match?.[1] !== undefined ? match[1].replace(/~1/g, '/').replace(/~0/g, '~') : pointer;
  return uniqueName(sanitizeName(raw) || 'schema', taken);
}

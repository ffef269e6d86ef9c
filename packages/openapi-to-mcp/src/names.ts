/**
 * Names: what a tool, `$defs` or argument name may contain, how raw text becomes one, and which
 * tool name each operation of a document gets.
 */
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

/**
 * The stable identity of an operation across versions of a document: upper-case method and path
 * template with path-parameter names erased (`GET /pets/{}` for `get /pets/{petId}`), so renaming
 * a path parameter (`{id}` -> `{petId}`) keeps the key. Erasing is safe: OpenAPI 3.1 section
 * 4.8.8.2 forbids two templated paths that differ only in parameter names.
 */
export function operationKey(method: HttpMethod, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

/** What naming needs of one converted operation. */
export interface NameRequest {
  method: HttpMethod;
  path: string;
  operationId?: string;
  /** `x-mcp-name`, as written. */
  mcpName?: string;
}

export type NameSource = 'previous' | 'x-mcp-name' | 'operationId' | 'derived';

export interface AssignedName {
  name: string;
  source: NameSource;
  /** Why the name is not the operationId (undefined when it is, or when there is none and the route name was used). */
  reason?: string;
  notes: string[];
}

/**
 * Tool names, deterministic for a given document and `previous` map, in four passes so that
 * earlier claims always win over later ones:
 * 1. previous names (`previous[operationKey]`), so a tool keeps its name while its operation
 *    exists, unless the operation's `x-mcp-name` now asks for another name;
 * 2. `x-mcp-name` (sanitized);
 * 3. operationIds that are already valid names;
 * 4. everything else: sanitized operationIds or `<method>_<path>`, suffixed `_2`, `_3`, ... when
 *    taken. `undefined` entries (skipped operations) get no name.
 */
export function assignNames(
  requests: (NameRequest | undefined)[],
  previous: Record<string, string> = {},
): (AssignedName | undefined)[] {
  const taken = new Set<string>();
  const out: (AssignedName | undefined)[] = requests.map(() => undefined);
  const claim = (i: number, name: string, source: NameSource, notes: string[] = []): void => {
    taken.add(name);
    out[i] = { name, source, notes };
  };
  requests.forEach((req, i) => {
    if (req === undefined) return;
    const key = operationKey(req.method, req.path);
    const before = Object.hasOwn(previous, key) ? previous[key] : undefined;
    if (typeof before !== 'string') return;
    const wanted = req.mcpName !== undefined ? sanitizeName(req.mcpName) : undefined;
    if (wanted !== undefined && wanted !== '' && wanted !== before) return;
    if (TOOL_NAME_PATTERN.test(before) && !taken.has(before)) claim(i, before, 'previous');
  });
  requests.forEach((req, i) => {
    if (req?.mcpName === undefined || out[i] !== undefined) return;
    const wanted = sanitizeName(req.mcpName);
    if (wanted !== '' && !taken.has(wanted)) claim(i, wanted, 'x-mcp-name');
  });
  requests.forEach((req, i) => {
    const id = req?.operationId;
    if (id === undefined || out[i] !== undefined || req?.mcpName !== undefined) return;
    if (sanitizeName(id) === id && !taken.has(id)) claim(i, id, 'operationId');
  });
  requests.forEach((req, i) => {
    if (req === undefined || out[i] !== undefined) return;
    const mcp = req.mcpName !== undefined ? sanitizeName(req.mcpName) : '';
    const id = req.operationId !== undefined ? sanitizeName(req.operationId) : '';
    const base = mcp || id || nameFromRoute(req.method, req.path);
    claim(i, uniqueName(base, taken), mcp !== '' ? 'x-mcp-name' : 'derived');
  });
  requests.forEach((req, i) => {
    const assigned = out[i];
    if (req === undefined || assigned === undefined) return;
    const key = operationKey(req.method, req.path);
    const before = Object.hasOwn(previous, key) ? previous[key] : undefined;
    if (typeof before === 'string' && assigned.source !== 'previous' && before !== assigned.name) {
      assigned.notes.push(`previous name "${before}" not kept: ${lostReason(req, before)}`);
    }
    const natural = req.operationId ?? nameFromRoute(req.method, req.path);
    if (
      assigned.name !== natural &&
      (req.operationId !== undefined || assigned.source !== 'derived')
    ) {
      assigned.reason = reasonFor(req, assigned);
    }
  });
  return out;
}

function lostReason(req: NameRequest, before: string): string {
  if (req.mcpName !== undefined && sanitizeName(req.mcpName) !== before)
    return 'x-mcp-name asks for another name';
  if (!TOOL_NAME_PATTERN.test(before)) return 'not a valid tool name';
  return 'taken by another operation with the same method and path';
}

function reasonFor(req: NameRequest, assigned: AssignedName): string {
  if (assigned.source === 'previous')
    return 'kept the tool name of the previous version (stable names)';
  if (assigned.source === 'x-mcp-name') {
    const wanted = sanitizeName(req.mcpName ?? '');
    return wanted === assigned.name
      ? 'named by x-mcp-name'
      : 'named by x-mcp-name, which was taken: suffixed';
  }
  return renameReason(req.operationId as string, assigned.name);
}

function renameReason(operationId: string, name: string): string {
  const sanitized = sanitizeName(operationId);
  if (sanitized === '') return 'operationId has no usable character: named from method and path';
  if (sanitized !== operationId && name === sanitized) {
    return 'operationId is not a valid tool name (^[A-Za-z0-9_.-]{1,64}$)';
  }
  return sanitized === operationId
    ? 'operationId already used by another operation: suffixed'
    : 'operationId is not a valid tool name, and its sanitized form was taken: suffixed';
}

import type { HttpMethod } from './manifest.js';
import { nameFromRoute, sanitizeName, TOOL_NAME_PATTERN, uniqueName } from './naming.js';

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

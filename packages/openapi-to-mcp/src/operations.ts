import type { OpenAPI } from 'openapi-types';
import type { OperationObject, PathItemObject } from './document.js';
import { OperationSkip } from './errors.js';
import { appendPointer, isObject, own, ownObject, ownString } from './json.js';
import { HTTP_METHODS, type RawOperation } from './model.js';
import type { RefResolver } from './refs.js';

/**
 * Every operation under `paths`, in document order (which makes tool names deterministic).
 * A path item that is a `$ref` is followed; one that cannot be resolved is reported through
 * `unresolved` rather than silently dropped.
 */
export function listOperations(
  document: OpenAPI.Document,
  resolver: RefResolver,
): { operations: RawOperation[]; unresolved: { pointer: string; message: string }[] } {
  const operations: RawOperation[] = [];
  const unresolved: { pointer: string; message: string }[] = [];
  const paths = own(document, 'paths');
  if (!isObject(paths)) return { operations, unresolved };
  for (const path of Object.keys(paths)) {
    if (path.startsWith('x-')) continue;
    const itemPointer = appendPointer('/paths', path);
    let pathItem: PathItemObject;
    try {
      pathItem = resolver.deref<PathItemObject>(paths[path], itemPointer).value;
    } catch (error) {
      if (!(error instanceof OperationSkip)) throw error;
      unresolved.push({ pointer: itemPointer, message: error.message });
      continue;
    }
    for (const method of HTTP_METHODS) {
      const operation = ownObject<OperationObject>(pathItem, method);
      if (operation === undefined) continue;
      const operationId = ownString(operation, 'operationId');
      operations.push({
        pointer: appendPointer(itemPointer, method),
        method,
        path,
        ...(operationId !== undefined && operationId !== '' ? { operationId } : {}),
        operation,
        pathItem,
        pathItemPointer: itemPointer,
      });
    }
  }
  return { operations, unresolved };
}

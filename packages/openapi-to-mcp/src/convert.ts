import { OperationSkip, SpecError } from './errors.js';
import { appendPointer, isObject, type JsonObject, own, ownObject, ownString } from './json.js';
import {
  type ConversionReport,
  MANIFEST_VERSION,
  type ManifestTool,
  type ReportOperation,
  type ToolManifest,
} from './manifest.js';
import type { NormOperation, RawOperation } from './model.js';
import { nameFromRoute, sanitizeName, uniqueName } from './naming.js';
import { normalizeOpenApi3 } from './openapi3.js';
import { listOperations } from './operations.js';
import { parseDocument } from './parse.js';
import { RefResolver } from './refs.js';
import { SchemaShaper } from './schema.js';
import { serverUrls, swaggerServerUrls } from './servers.js';
import { normalizeSwagger2 } from './swagger2.js';
import { buildTool, type UnnamedTool } from './tool.js';
import { walkDocument } from './walk.js';

export interface ConvertOptions {
  /** Largest accepted document, bytes (UTF-16 code units for strings). Default 64 MiB. */
  maxBytes?: number;
  /** Most operations accepted. Default 10,000. */
  maxOperations?: number;
  /** Deepest nesting of objects/arrays accepted. Default 512. */
  maxDepth?: number;
  /** YAML alias budget (yaml's `maxAliasCount`). Default 100. */
  maxAliasCount?: number;
  /** Emit `outputSchema` from 2xx JSON object responses. Default true. */
  outputSchema?: boolean;
  /** outputSchema is left out when its `$defs` would hold more schemas than this. Default 64. */
  maxOutputSchemaDefs?: number;
  /** Longest tool description, characters. Default 2,000. */
  maxDescriptionLength?: number;
}

export interface ConvertResult {
  manifest: ToolManifest;
  report: ConversionReport;
}

const DEFAULTS = {
  maxBytes: 64 * 1024 * 1024,
  maxOperations: 10_000,
  maxDepth: 512,
  maxAliasCount: 100,
  outputSchema: true,
  maxOutputSchemaDefs: 64,
  maxDescriptionLength: 2000,
} satisfies Required<ConvertOptions>;

type Dialect = 'swagger2' | 'openapi30' | 'openapi31';

/**
 * Converts an OpenAPI document (Swagger 2.0, OpenAPI 3.0.x or 3.1.x; JSON or YAML; as text or
 * UTF-8 bytes, never a path or URL) into a tool manifest (one tool per operation) and a report
 * listing every operation as converted, renamed or skipped, with its JSON pointer.
 *
 * Pure and synchronous: no file or network access; only local `$ref`s are resolved. The same input
 * gives a byte-identical manifest (no timestamps; names assigned in document order).
 *
 * @throws SpecError `SPEC_PARSE` (not JSON/YAML, root not an object), `SPEC_UNSUPPORTED_VERSION`
 *   (pointer `/openapi` or `/swagger`), `SPEC_EXTERNAL_REF` (pointer of the `$ref`),
 *   `SPEC_TOO_LARGE` (bytes, YAML aliases or operation count over the limits), `SPEC_TOO_DEEP`.
 */
export function convertOpenApi(
  input: string | Uint8Array,
  options: ConvertOptions = {},
): ConvertResult {
  const limits = { ...DEFAULTS, ...options };
  const { root, format } = parseDocument(input, limits);
  const { dialect, specVersion } = detectVersion(root);
  const { rewrittenBareRefs } = walkDocument(root, limits.maxDepth, dialect === 'swagger2');
  const warnings = rewrittenBareRefs.map((pointer) => ({
    pointer,
    message: 'bare $ref read as a reference to #/definitions (Swagger 2.0 shorthand)',
  }));
  const resolver = new RefResolver(root);
  const { operations: raws, unresolved } = listOperations(root, resolver);
  warnings.push(...unresolved);
  if (raws.length > limits.maxOperations) {
    throw new SpecError(
      'SPEC_TOO_LARGE',
      '/paths',
      `${raws.length} operations, over the limit of ${limits.maxOperations}`,
    );
  }
  const shaper = new SchemaShaper(resolver, componentPointers(root, dialect));
  const built: (
    | { raw: RawOperation; tool: UnnamedTool; notes: string[] }
    | { raw: RawOperation; skip: string; notes: string[] }
  )[] = raws.map((raw) => {
    try {
      const op: NormOperation =
        dialect === 'swagger2'
          ? normalizeSwagger2(raw, resolver, root)
          : normalizeOpenApi3(raw, resolver);
      return { raw, ...buildTool(op, shaper, limits) };
    } catch (error) {
      if (!(error instanceof OperationSkip)) throw error;
      return { raw, skip: error.message, notes: [] };
    }
  });
  const names = assignNames(built.map((b) => ('tool' in b ? b.raw : undefined)));
  const tools: ManifestTool[] = [];
  const reportOps: ReportOperation[] = built.map((b, i) => {
    const entry: ReportOperation = {
      pointer: b.raw.pointer,
      method: b.raw.method,
      path: b.raw.path,
      ...(b.raw.operationId !== undefined ? { operationId: b.raw.operationId } : {}),
      status: 'skipped',
    };
    const name = names[i];
    if ('tool' in b && name !== undefined) {
      tools.push({ name, ...b.tool });
      entry.tool = name;
      entry.status =
        name === b.raw.operationId || b.raw.operationId === undefined ? 'converted' : 'renamed';
      if (entry.status === 'renamed')
        entry.reason = renameReason(b.raw.operationId as string, name);
      if (b.raw.operationId === undefined)
        b.notes.unshift('no operationId: named from method and path');
    } else if ('skip' in b) {
      entry.reason = b.skip;
    }
    if (b.notes.length > 0) entry.notes = b.notes;
    return entry;
  });
  if (dialect === 'openapi31' && isObject(own(root, 'webhooks'))) {
    warnings.push({
      pointer: '/webhooks',
      message: 'webhooks are not callable operations: no tools made',
    });
  }
  const info = ownObject(root, 'info');
  const description = ownString(info, 'description');
  const manifest: ToolManifest = {
    manifestVersion: MANIFEST_VERSION,
    info: {
      title: ownString(info, 'title') ?? 'Untitled API',
      version: String(own(info, 'version') ?? ''),
      ...(description !== undefined ? { description } : {}),
      specVersion,
    },
    servers: dialect === 'swagger2' ? swaggerServerUrls(root) : serverUrls(own(root, 'servers')),
    tools,
  };
  const count = (status: string): number => reportOps.filter((o) => o.status === status).length;
  const report: ConversionReport = {
    specVersion,
    format,
    counts: {
      operations: reportOps.length,
      converted: count('converted'),
      renamed: count('renamed'),
      skipped: count('skipped'),
    },
    operations: reportOps,
    warnings,
  };
  return { manifest, report };
}

function detectVersion(root: JsonObject): { dialect: Dialect; specVersion: string } {
  const swagger = own(root, 'swagger');
  if (swagger !== undefined) {
    if (String(swagger) === '2.0') return { dialect: 'swagger2', specVersion: '2.0' };
    throw new SpecError(
      'SPEC_UNSUPPORTED_VERSION',
      '/swagger',
      `Swagger ${String(swagger)} is not supported (2.0 is)`,
    );
  }
  const openapi = own(root, 'openapi');
  if (typeof openapi === 'string' && /^3\.0(\.\d+)?$/.test(openapi)) {
    return { dialect: 'openapi30', specVersion: openapi };
  }
  if (typeof openapi === 'string' && /^3\.1(\.\d+)?$/.test(openapi)) {
    return { dialect: 'openapi31', specVersion: openapi };
  }
  if (openapi === undefined) {
    throw new SpecError(
      'SPEC_UNSUPPORTED_VERSION',
      '',
      'neither "openapi" nor "swagger" is set: not an OpenAPI document',
    );
  }
  throw new SpecError(
    'SPEC_UNSUPPORTED_VERSION',
    '/openapi',
    `OpenAPI ${String(openapi)} is not supported (2.0, 3.0.x, 3.1.x are)`,
  );
}

function componentPointers(root: JsonObject, dialect: Dialect): string[] {
  const base = dialect === 'swagger2' ? ['definitions'] : ['components', 'schemas'];
  const map =
    base.length === 1 ? own(root, 'definitions') : own(own(root, 'components'), 'schemas');
  if (!isObject(map)) return [];
  return Object.keys(map).map((name) => appendPointer('', ...base, name));
}

/**
 * Tool names, in two passes so an operationId that is already a valid name is never taken by
 * another operation's derived name: first the exact operationIds, then everything else (sanitized,
 * truncated, suffixed). `undefined` entries (skipped operations) get no name.
 */
function assignNames(raws: (RawOperation | undefined)[]): (string | undefined)[] {
  const taken = new Set<string>();
  const names: (string | undefined)[] = raws.map(() => undefined);
  raws.forEach((raw, i) => {
    const id = raw?.operationId;
    if (id !== undefined && sanitizeName(id) === id && !taken.has(id)) {
      taken.add(id);
      names[i] = id;
    }
  });
  raws.forEach((raw, i) => {
    if (raw === undefined || names[i] !== undefined) return;
    const base = raw.operationId !== undefined ? sanitizeName(raw.operationId) : '';
    const name = uniqueName(base || nameFromRoute(raw.method, raw.path), taken);
    taken.add(name);
    names[i] = name;
  });
  return names;
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

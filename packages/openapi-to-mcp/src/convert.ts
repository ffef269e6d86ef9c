import type { OpenAPIV2, OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
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
import { assignNames, type NameRequest } from './names.js';
import { normalizeOpenApi3 } from './openapi3.js';
import { listOperations } from './operations.js';
import { parseDocument } from './parse.js';
import { RefResolver } from './refs.js';
import { SchemaShaper } from './schema.js';
import { serverUrls, swaggerServerUrls } from './servers.js';
import { estimateToolListTokens, recommendMode } from './size.js';
import { normalizeSwagger2 } from './swagger2.js';
import { buildTool, type UnnamedTool } from './tool.js';
import { walkDocument } from './walk.js';

/**
 * OpenAPI requires path keys to begin with `/` (3.1 section 4.8.8.1, Swagger 2.0 "Paths Object").
 * One that does not (`{region}/v1/items`, `@{tenant}/x`) would let an argument extend or replace
 * the upstream host when joined to a base URL, so such an operation is never a tool.
 */
const PATH_NOT_ABSOLUTE =
  'path does not begin with "/": its arguments could change the upstream host (OpenAPI 3.1 section 4.8.8.1)';
/**
 * Default largest accepted document: 32 MiB (bytes; UTF-16 code units for string input). GitHub's
 * description (13 MB, the largest real one we know) fits with room; the control API's upload limit
 * uses the same value.
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

export interface ConvertOptions {
  /** Largest accepted document, bytes (UTF-16 code units for strings). Default DEFAULT_MAX_DOCUMENT_BYTES. */
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
  /**
   * Tool names of the previous version of this document, by operationKey (`GET /pets/{}`): an
   * operation that still exists keeps its name; new operations get names that avoid them.
   */
  previousNames?: Record<string, string>;
  /**
   * For clients that ignore `$defs`: inline every `$ref` of inputSchema and outputSchema up to
   * this many nested references, and leave no `$defs`. Deeper references (recursion) become a
   * permissive schema (`{}`), noted in the report. Default: undefined (keep `$defs`).
   */
  inlineDepth?: number;
}

export interface ConvertResult {
  manifest: ToolManifest;
  report: ConversionReport;
}

const DEFAULTS = {
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  maxOperations: 10_000,
  maxDepth: 512,
  maxAliasCount: 100,
  outputSchema: true,
  maxOutputSchemaDefs: 64,
  maxDescriptionLength: 2000,
} satisfies Omit<Required<ConvertOptions>, 'previousNames' | 'inlineDepth'>;

type Dialect = 'swagger2' | 'openapi30' | 'openapi31';

/**
 * The parsed root with the specification it claims to follow. Only the version field was
 * checked: the rest is read field by field (see document.ts).
 */
type DetectedDocument =
  | { dialect: 'swagger2'; specVersion: string; document: OpenAPIV2.Document }
  | { dialect: 'openapi30'; specVersion: string; document: OpenAPIV3.Document }
  | { dialect: 'openapi31'; specVersion: string; document: OpenAPIV3_1.Document };

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
  const { dialect, specVersion, document } = detectVersion(root);
  const { rewrittenBareRefs } = walkDocument(root, limits.maxDepth, dialect === 'swagger2');
  const warnings = rewrittenBareRefs.map((pointer) => ({
    pointer,
    message: 'bare $ref read as a reference to #/definitions (Swagger 2.0 shorthand)',
  }));
  const resolver = new RefResolver(root);
  const { operations: raws, unresolved } = listOperations(document, resolver);
  warnings.push(...unresolved);
  if (raws.length > limits.maxOperations) {
    throw new SpecError(
      'SPEC_TOO_LARGE',
      '/paths',
      `${raws.length} operations, over the limit of ${limits.maxOperations}`,
    );
  }
  const shaper = new SchemaShaper(
    resolver,
    componentPointers(root, dialect),
    dialect !== 'openapi31',
  );
  const built: (
    | { raw: RawOperation; tool: UnnamedTool; notes: string[] }
    | { raw: RawOperation; skip: string; notes: string[] }
  )[] = raws.map((raw) => {
    if (
      own(raw.operation, 'x-mcp-exclude') === true ||
      own(raw.pathItem, 'x-mcp-exclude') === true
    ) {
      return { raw, skip: 'excluded by x-mcp-exclude', notes: [] };
    }
    if (!raw.path.startsWith('/')) return { raw, skip: PATH_NOT_ABSOLUTE, notes: [] };
    try {
      const op: NormOperation =
        dialect === 'swagger2'
          ? normalizeSwagger2(raw, resolver, document)
          : normalizeOpenApi3(raw, resolver);
      return { raw, ...buildTool(op, shaper, limits) };
    } catch (error) {
      if (!(error instanceof OperationSkip)) throw error;
      return { raw, skip: error.message, notes: [] };
    }
  });
  warnings.push(...shaper.warnings);
  const names = assignNames(
    built.map((b) => ('tool' in b ? nameRequest(b.raw) : undefined)),
    options.previousNames,
  );
  const tools: ManifestTool[] = [];
  const reportOps: ReportOperation[] = built.map((b, i) => {
    const entry: ReportOperation = {
      pointer: b.raw.pointer,
      method: b.raw.method,
      path: b.raw.path,
      ...(b.raw.operationId !== undefined ? { operationId: b.raw.operationId } : {}),
      status: 'skipped',
    };
    const assigned = names[i];
    if ('tool' in b && assigned !== undefined) {
      tools.push({ name: assigned.name, ...b.tool });
      entry.tool = assigned.name;
      entry.status = assigned.reason !== undefined ? 'renamed' : 'converted';
      if (assigned.reason !== undefined) entry.reason = assigned.reason;
      if (b.raw.operationId === undefined && assigned.source === 'derived')
        b.notes.unshift('no operationId: named from method and path');
      b.notes.push(...assigned.notes);
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
    servers:
      dialect === 'swagger2' ? swaggerServerUrls(document) : serverUrls(own(root, 'servers')),
    tools,
  };
  const toolListTokens = estimateToolListTokens(tools);
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
    toolCount: tools.length,
    toolListTokens,
    recommendation: recommendMode(tools.length, toolListTokens),
  };
  return { manifest, report };
}

function detectVersion(root: object): DetectedDocument {
  const swagger = own(root, 'swagger');
  if (swagger !== undefined) {
    if (String(swagger) === '2.0') {
      return { dialect: 'swagger2', specVersion: '2.0', document: root as OpenAPIV2.Document };
    }
    throw new SpecError(
      'SPEC_UNSUPPORTED_VERSION',
      '/swagger',
      `Swagger ${String(swagger)} is not supported (2.0 is)`,
    );
  }
  const openapi = own(root, 'openapi');
  if (typeof openapi === 'string' && /^3\.0(\.\d+)?$/.test(openapi)) {
    return { dialect: 'openapi30', specVersion: openapi, document: root as OpenAPIV3.Document };
  }
  if (typeof openapi === 'string' && /^3\.1(\.\d+)?$/.test(openapi)) {
    return { dialect: 'openapi31', specVersion: openapi, document: root as OpenAPIV3_1.Document };
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

function nameRequest(raw: RawOperation): NameRequest {
  const mcpName = ownString(raw.operation, 'x-mcp-name');
  return {
    method: raw.method,
    path: raw.path,
    ...(raw.operationId !== undefined ? { operationId: raw.operationId } : {}),
    ...(mcpName !== undefined && mcpName.trim() !== '' ? { mcpName } : {}),
  };
}

import { MANIFEST_VERSION, type ManifestTool, type ToolManifest } from '@portico/openapi-to-mcp';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DEFAULT_TOOLS_PAGE_SIZE, ToolPages } from './tool-pages.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

/** One tool of a compiled tool set. */
export interface CompiledTool {
  tool: ManifestTool;
  /** The inputSchema validator, compiled on first use and kept for the tool set's lifetime. */
  validator(): ValidateFunction;
}

/**
 * The `tools/list` entry shape (MCP spec, server/tools, Tool). Deliberately without
 * `outputSchema`: the generator emits one from the OpenAPI response schema, but nothing yet checks
 * that an upstream's answer conforms to it, and a client that sees `outputSchema` must reject a
 * result whose `structuredContent` is missing or does not conform (a v2 SDK client does). Until
 * conformance of upstream answers is handled, advertising it would turn working calls into errors.
 */
export interface ListedTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/**
 * Everything the gateway serves for one (server, spec version), built once and cached: the
 * `tools/list` result (built once, never per request), tools by name, and one Ajv (2020-12
 * dialect, formats on) shared by the tool set's validators.
 */
export interface ToolSet {
  /** `${serverId}:${versionId}`. */
  key: string;
  manifest: ToolManifest;
  serverInfo: { name: string; title?: string; version: string };
  instructions?: string;
  /** `tools/list` pages (see {@link ToolPages}); one page unless the server has many tools. */
  pages: ToolPages;
  tools: ReadonlyMap<string, CompiledTool>;
}

/**
 * Compiles a manifest into a {@link ToolSet}. Throws a plain Error (a bug upstream of the gateway)
 * when the manifest version is unknown. Validators are compiled lazily: a 500-tool server pays for
 * the tools actually called, and a schema Ajv rejects fails that tool only.
 */
export function compileToolSet(
  key: string,
  slug: string,
  manifest: ToolManifest,
  pageSize: number = DEFAULT_TOOLS_PAGE_SIZE,
): ToolSet {
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`unsupported manifest version ${String(manifest.manifestVersion)}`);
  }
  // strict: false because OpenAPI-derived schemas carry annotations (example, x-*) Ajv's strict
  // mode rejects; allErrors so a client learns every wrong argument at once.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv as unknown as Ajv);
  const tools = new Map<string, CompiledTool>();
  const listed: ListedTool[] = [];
  for (const tool of manifest.tools) {
    let compiled: ValidateFunction | undefined;
    tools.set(tool.name, {
      tool,
      validator: () => {
        compiled ??= ajv.compile(tool.inputSchema);
        return compiled;
      },
    });
    listed.push(listedTool(tool));
  }
  const description = manifest.info.description?.trim();
  const serverInfo = {
    name: `portico/${slug}`,
    title: manifest.info.title,
    version: manifest.info.version,
  };
  return {
    key,
    manifest,
    serverInfo,
    ...(description ? { instructions: description.slice(0, 4_000) } : {}),
    pages: new ToolPages(listed, pageSize, serverInfo),
    tools,
  };
}

function listedTool(tool: ManifestTool): ListedTool {
  const entry: ListedTool = {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
  };
  if (tool.title !== undefined) entry.title = tool.title;
  // tool.outputSchema is NOT listed: see ListedTool.
  if (Object.keys(tool.annotations).length > 0) entry.annotations = { ...tool.annotations };
  return entry;
}

/** Ajv errors as a short human sentence: `/limit must be integer; must have required property 'id'`. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'arguments do not match the inputSchema';
  return errors
    .slice(0, 10)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

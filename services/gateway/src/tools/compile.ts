import {
  applyToolConfig,
  type CuratedTool,
  DEFAULT_TOOL_CONFIG,
  listedSchema,
  MANIFEST_VERSION,
  type ToolConfig,
  type ToolManifest,
} from '@portico/openapi-to-mcp';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createToolAjv } from './ajv.js';
import type { ListedTool } from './listed-tool.js';
import { createMetaTools } from './meta-tools.js';
import { DEFAULT_TOOLS_PAGE_SIZE, ToolPages } from './pages.js';
import { ToolSearch } from './search.js';
import type { CompiledTool, ToolSet } from './types.js';

/**
 * An outputSchema is advertised when it is a JSON object schema (`type: "object"` at the root,
 * what MCP 2025-11-25 requires of outputSchema and what structuredContent can satisfy). Clients
 * that see one reject a non-error result without conforming structuredContent, so the gateway
 * enforces it on every answer (see output.ts).
 */
export function advertisesOutputSchema(tool: CuratedTool): boolean {
  return tool.outputSchema !== undefined && tool.outputSchema.type === 'object';
}

/**
 * Compiles a manifest and the server's tool configuration into a {@link ToolSet}. Throws a plain
 * Error (a bug upstream of the gateway) when the manifest version is unknown. Validators are
 * compiled lazily: a 1,000-tool server pays for the tools actually called, and a schema Ajv
 * rejects fails that tool only.
 */
export function compileToolSet(
  key: string,
  slug: string,
  manifest: ToolManifest,
  config: ToolConfig = DEFAULT_TOOL_CONFIG,
  pageSize: number = DEFAULT_TOOLS_PAGE_SIZE,
): ToolSet {
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`unsupported manifest version ${String(manifest.manifestVersion)}`);
  }
  const ajv = createToolAjv();
  const tools = new Map<string, CompiledTool>();
  for (const tool of applyToolConfig(manifest.tools, config).tools) {
    tools.set(tool.name, compileTool(ajv, tool));
  }
  const meta = config.mode === 'dynamic' ? createMetaTools(ajv) : undefined;
  const description = [
    meta
      ? `This server has ${tools.size} tools. Find them with search_tools, read one's arguments with describe_tool, run it with call_tool.`
      : undefined,
    manifest.info.description?.trim(),
  ]
    .filter(Boolean)
    .join('\n\n');
  const serverInfo = {
    name: `portico/${slug}`,
    title: manifest.info.title,
    version: manifest.info.version,
  };
  let index: ToolSearch | undefined;
  const search = (): ToolSearch => {
    index ??= new ToolSearch([...tools.values()].map((c) => c.tool));
    return index;
  };
  const listed = meta
    ? [...meta.values()].map((m) => m.listed)
    : [...tools.values()].map(listedTool);
  const publicTools = new Set<string>();
  for (const compiled of tools.values()) {
    const manifestName = compiled.tool.originalName ?? compiled.tool.name;
    const override = Object.hasOwn(config.overrides, manifestName)
      ? config.overrides[manifestName]
      : undefined;
    // A meta-tool name wins over an API tool's (see callTool): never public, call_tool reaches all.
    if (override?.public === true && !meta?.has(compiled.tool.name)) {
      publicTools.add(compiled.tool.name);
    }
  }
  // Dynamic mode too lists the public API tools directly: the meta-tools are not public.
  const publicListed = [...publicTools].map((name) => listedTool(tools.get(name) as CompiledTool));
  return {
    key,
    mode: config.mode,
    manifest,
    serverInfo,
    ...(description ? { instructions: description.slice(0, 4_000) } : {}),
    pages: new ToolPages(listed, pageSize, serverInfo),
    publicTools,
    publicPages: new ToolPages(publicListed, pageSize, serverInfo),
    tools,
    ...(meta ? { meta } : {}),
    search,
  };
}

function compileTool(ajv: Ajv2020, tool: CuratedTool): CompiledTool {
  let input: ValidateFunction | undefined;
  let output: { fn: ValidateFunction | undefined } | undefined;
  return {
    tool,
    validator: () => {
      input ??= ajv.compile(tool.inputSchema);
      return input;
    },
    outputValidator: () => {
      if (!output) {
        try {
          output = { fn: tool.outputSchema ? ajv.compile(tool.outputSchema) : undefined };
        } catch {
          // Remembered as "cannot confirm": every answer is then returned without the claim.
          output = { fn: undefined };
        }
      }
      return output.fn;
    },
    outputSchemaListed: advertisesOutputSchema(tool),
  };
}

/** The tools/list entry of an API tool: what a client sees, never the HTTP binding. */
function listedTool(compiled: CompiledTool): ListedTool {
  const { tool } = compiled;
  const entry: ListedTool = {
    name: tool.name,
    description: tool.description,
    // Manifests stored before the generator wrote boolean subschemas as objects are listed
    // as the generator writes them now (same meaning; the v1 SDK client refuses booleans).
    inputSchema: listedSchema(tool.inputSchema),
  };
  if (tool.title !== undefined) entry.title = tool.title;
  if (compiled.outputSchemaListed && tool.outputSchema) {
    entry.outputSchema = listedSchema(tool.outputSchema);
  }
  if (Object.keys(tool.annotations).length > 0) entry.annotations = { ...tool.annotations };
  return entry;
}

import type { CuratedTool, ToolManifest, ToolMode } from '@portico/openapi-to-mcp';
import type { ValidateFunction } from 'ajv';
import type { MetaTool } from './meta-tools.js';
import type { ToolPages } from './pages.js';
import type { ServerIdentity } from './result-fields.js';
import type { ToolSearch } from './search.js';

/** One API tool of a compiled tool set (an upstream operation, as the server exposes it). */
export interface CompiledTool {
  /** The manifest tool with the server's overrides applied (its `name` is the served name). */
  tool: CuratedTool;
  /** The inputSchema validator, compiled on first use and kept for the tool set's lifetime. */
  validator(): ValidateFunction;
  /**
   * The outputSchema validator, compiled on first use; `undefined` when the tool has no
   * outputSchema or Ajv cannot compile it (then no answer can be confirmed as conforming).
   */
  outputValidator(): ValidateFunction | undefined;
  /** Whether tools/list advertises the tool's outputSchema (see advertisesOutputSchema in compile.ts). */
  outputSchemaListed: boolean;
}

/**
 * Everything the gateway serves for one (server, spec version, tool configuration version), built
 * once and cached: the `tools/list` pages, tools by served name, one Ajv (2020-12 dialect, formats
 * on) shared by the tool set's validators and, in dynamic mode, the meta-tools and a search index.
 */
export interface ToolSet {
  /** `${serverId}:${versionId}:${toolConfigVersion}`. */
  key: string;
  mode: ToolMode;
  manifest: ToolManifest;
  serverInfo: ServerIdentity;
  instructions?: string;
  /** `tools/list` pages (see {@link ToolPages}): the API tools, or the meta-tools in dynamic mode. */
  pages: ToolPages;
  /** The selected API tools by served name (excluded tools are absent: calling one is unknown). */
  tools: ReadonlyMap<string, CompiledTool>;
  /**
   * Served names of the tools an anonymous caller of an `end_user` server may call (tool
   * configuration override `public: true`); never a meta-tool name.
   */
  publicTools: ReadonlySet<string>;
  /** `tools/list` pages of the public tools only (what an anonymous caller is shown). */
  publicPages: ToolPages;
  /** Dynamic mode only: search_tools, describe_tool, call_tool by name. */
  meta?: ReadonlyMap<string, MetaTool>;
  /** The word index over `tools`, built on the first search (dynamic mode's search_tools). */
  search(): ToolSearch;
}

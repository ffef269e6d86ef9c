/**
 * A server's tool configuration: which tools of a manifest it exposes and how they are presented.
 * Pure data: the store persists it, `applyToolConfig` (apply.ts) applies it.
 */

/**
 * Picks tools of a manifest. Every field given must match (AND); an empty selector matches every
 * tool. `path` is a picomatch glob over the OpenAPI path template (`*` one segment, `**` any; braces
 * are literal, so `/pets/{petId}` matches itself); `method` is case-insensitive; `tag`,
 * `operationId` and `name` (the manifest's tool name, before renames) are exact.
 */
export interface ToolSelector {
  tag?: string;
  operationId?: string;
  method?: string;
  path?: string;
  name?: string;
}

/**
 * Which tools a server exposes: with `include`, only tools matching at least one include selector;
 * then tools matching any `exclude` selector are dropped. Neither = every tool.
 */
export interface ToolSelection {
  include?: ToolSelector[];
  exclude?: ToolSelector[];
}

/** Per-tool presentation override, keyed by the manifest's tool name. */
export interface ToolOverride {
  /** New tool name, `^[A-Za-z0-9_.-]{1,64}$`, unique among the server's tools. */
  name?: string;
  description?: string;
  /**
   * On an `end_user` server: callable (and listed) without sign-in, e.g. discovery tools.
   * Ignored on other access modes. Default false.
   */
  public?: boolean;
}

/**
 * How a server presents its tools: `all` lists every selected tool; `dynamic` lists three
 * meta-tools (search, describe, call) over the selected tools, for APIs too large to list.
 */
export type ToolMode = 'all' | 'dynamic';

/** A server's tool configuration as written by the control API. */
export interface ToolConfig {
  mode: ToolMode;
  selection: ToolSelection;
  overrides: Record<string, ToolOverride>;
}

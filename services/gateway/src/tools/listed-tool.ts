/** The `tools/list` entry shape (MCP spec, server/tools, Tool): what a client is shown of a tool. */
export interface ListedTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

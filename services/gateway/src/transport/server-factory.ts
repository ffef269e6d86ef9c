import { Server } from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { callTool } from '../call/call-tool.js';
import type { ToolCallContext } from '../call/context.js';
import { toSdkError } from './protocol-errors.js';
import { toolListPage } from './tool-list.js';

/**
 * One validator for every Server instance: without it each `new Server()` builds its own Ajv,
 * measured when the toolchain was chosen as the dominant cost of per-request servers. The gateway
 * never asks it anything (no elicitation); tool arguments use the tool set's own precompiled
 * validators.
 */
const sharedValidator = new AjvJsonSchemaValidator();

/**
 * Builds the SDK `Server` that serves one HTTP exchange (both serving legs of the SDK require a
 * fresh, unconnected instance per exchange). It is deliberately thin, ~2 µs: no tool registration,
 * no schema conversion; `tools/list` returns the tool set's prebuilt page and `tools/call` runs
 * {@link callTool} with the tool set's cached validators. Failures are mapped by
 * {@link toSdkError}, exactly as the hot path maps them.
 */
export function createToolServer(ctx: ToolCallContext): Server {
  const { toolSet } = ctx;
  const server = new Server(toolSet.serverInfo, {
    capabilities: { tools: { listChanged: false } },
    jsonSchemaValidator: sharedValidator,
    ...(toolSet.instructions !== undefined ? { instructions: toolSet.instructions } : {}),
  });
  server.setRequestHandler('tools/list', (request) => {
    try {
      const { pages, index } = toolListPage(ctx, request.params?.cursor);
      return pages.result(index) as never;
    } catch (error) {
      throw toSdkError(error, ctx);
    }
  });
  server.setRequestHandler('tools/call', async (request) => {
    try {
      return (await callTool(ctx, {
        name: request.params.name,
        ...(request.params.arguments !== undefined ? { arguments: request.params.arguments } : {}),
      })) as never;
    } catch (error) {
      throw toSdkError(error, ctx, { tool: request.params.name });
    }
  });
  return server;
}

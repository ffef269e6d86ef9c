import { ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { callTool, pagesFor, type ToolCallContext } from './call-tool.js';
import { INVALID_CURSOR_MESSAGE } from './tool-pages.js';

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
 * no schema conversion; `tools/list` returns the tool set's prebuilt result object and `tools/call`
 * runs {@link callTool} with the tool set's cached validators.
 */
export function createToolServer(ctx: ToolCallContext): Server {
  const { toolSet } = ctx;
  const server = new Server(toolSet.serverInfo, {
    capabilities: { tools: { listChanged: false } },
    jsonSchemaValidator: sharedValidator,
    ...(toolSet.instructions !== undefined ? { instructions: toolSet.instructions } : {}),
  });
  const pages = pagesFor(ctx);
  server.setRequestHandler('tools/list', (request) => {
    const index = pages.indexOf(request.params?.cursor);
    if (index === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, INVALID_CURSOR_MESSAGE);
    }
    return pages.result(index) as never;
  });
  server.setRequestHandler('tools/call', async (request) => {
    try {
      return (await callTool(ctx, {
        name: request.params.name,
        ...(request.params.arguments !== undefined ? { arguments: request.params.arguments } : {}),
      })) as never;
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      // The SDK would put error.message on the wire; internal messages (store, crypto) stay here.
      ctx.log.error({ err: error, tool: request.params.name }, 'tools/call failed');
      throw new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error');
    }
  });
  return server;
}

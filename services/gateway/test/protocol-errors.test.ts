import { ProtocolError } from '@modelcontextprotocol/server';
import { codeToJsonRpc, ERROR_CODES, type ErrorCode, PorticoError } from '@portico/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { toJsonRpcError, toSdkError } from '../src/transport/protocol-errors.js';

function recordingLog(): { log: FastifyBaseLogger; lines: unknown[] } {
  const lines: unknown[] = [];
  const log = { error: (...args: unknown[]) => lines.push(args) } as unknown as FastifyBaseLogger;
  return { log, lines };
}

describe('the one JSON-RPC mapping of errors met while serving an MCP message', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it.each(codes.filter((c) => c !== 'INTERNAL'))(
    '%s: our JSON-RPC number, our code in data',
    (code) => {
      const { log, lines } = recordingLog();
      const ctx = { log, requestId: 'req_1' };
      const error = new PorticoError(code, `message of ${code}`, { why: 'x' });
      expect(toJsonRpcError(error, ctx)).toEqual({
        code: codeToJsonRpc(code),
        message: `message of ${code}`,
        data: { code, requestId: 'req_1', details: { why: 'x' } },
      });
      const sdk = toSdkError(error, ctx);
      expect(sdk).toBeInstanceOf(ProtocolError);
      expect(sdk.code).toBe(codeToJsonRpc(code));
      expect(sdk.data).toEqual({ code, requestId: 'req_1', details: { why: 'x' } });
      expect(lines).toEqual([]);
    },
  );

  it('a bug is INTERNAL -32603 "Internal error", logged by name and stack, its message off the wire', () => {
    const { log, lines } = recordingLog();
    const bug = new TypeError('secret table name in a message');
    const mapped = toJsonRpcError(bug, { log, requestId: 'req_2' }, { tool: 'getItem' });
    expect(mapped).toEqual({
      code: -32603,
      message: 'Internal error',
      data: { code: 'INTERNAL', requestId: 'req_2' },
    });
    expect(JSON.stringify(mapped)).not.toContain('secret');
    expect(lines).toHaveLength(1);
    const [fields] = lines[0] as [Record<string, unknown>];
    expect(fields).toMatchObject({ tool: 'getItem', errName: 'TypeError' });
    expect(JSON.stringify(fields)).not.toMatch(/"message"|"msg"/);
  });
});

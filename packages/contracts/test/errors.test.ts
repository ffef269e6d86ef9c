import { describe, expect, it } from 'vitest';
import {
  codeToJsonRpc,
  codeToStatus,
  ERROR_CODES,
  type ErrorCode,
  errorBody,
} from '../src/index.js';

describe('error vocabulary', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('names every code in UPPER_SNAKE and maps it to an HTTP error status', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(codeToStatus(code)).toBeGreaterThanOrEqual(400);
      expect(codeToStatus(code)).toBeLessThan(600);
    }
  });

  it('maps every code to a JSON-RPC error code in the reserved or server-defined range', () => {
    for (const code of codes) {
      const rpc = codeToJsonRpc(code);
      const reserved = [-32700, -32600, -32601, -32602, -32603].includes(rpc);
      const serverDefined = rpc <= -32000 && rpc >= -32099;
      expect(reserved || serverDefined, `${code} -> ${rpc}`).toBe(true);
    }
  });

  it('builds the error body with details only when given', () => {
    expect(errorBody('NOT_FOUND', 'no such server', 'req_1')).toEqual({
      error: { code: 'NOT_FOUND', message: 'no such server', requestId: 'req_1' },
    });
    expect(errorBody('SPEC_INVALID', 'bad', 'req_2', { pointer: '/paths' }).error.details).toEqual({
      pointer: '/paths',
    });
  });
});

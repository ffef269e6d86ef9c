/**
 * The one error vocabulary of Portico. Every expected failure carries one of these codes; each code
 * maps once to an HTTP status and once to a JSON-RPC error code.
 *
 * Body shape on the wire: `{ "error": { "code", "message", "requestId", "details"? } }`.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, jsonRpc: -32600 },
  /** The body is not valid JSON (JSON-RPC 2.0 section 5.1 Parse error). */
  PARSE_ERROR: { status: 400, jsonRpc: -32700 },
  VALIDATION_FAILED: { status: 400, jsonRpc: -32602 },
  UNAUTHENTICATED: { status: 401, jsonRpc: -32001 },
  FORBIDDEN: { status: 403, jsonRpc: -32003 },
  NOT_FOUND: { status: 404, jsonRpc: -32004 },
  /**
   * A tools/call names no tool of the server's selection (MCP server/tools, Error Handling:
   * unknown tools are JSON-RPC -32602 Invalid params).
   */
  TOOL_NOT_FOUND: { status: 404, jsonRpc: -32602 },
  /** The HTTP method is not served at this URL (MCP endpoint: only POST); the answer has `Allow`. */
  METHOD_NOT_ALLOWED: { status: 405, jsonRpc: -32000 },
  CONFLICT: { status: 409, jsonRpc: -32009 },
  PAYLOAD_TOO_LARGE: { status: 413, jsonRpc: -32600 },
  /** The org's stored spec versions would exceed its byte cap; nothing was stored. */
  STORAGE_LIMIT: { status: 413, jsonRpc: -32013 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, jsonRpc: -32000 },
  SPEC_INVALID: { status: 422, jsonRpc: -32602 },
  RATE_LIMITED: { status: 429, jsonRpc: -32029 },
  /** Email code wrong, unknown, or already used: one code so the answer reveals nothing more. */
  OTP_INVALID: { status: 400, jsonRpc: -32040 },
  /** Email code past its 10 minutes. */
  OTP_EXPIRED: { status: 400, jsonRpc: -32041 },
  /** Email code dead after 5 attempts; request a new one. */
  TOO_MANY_ATTEMPTS: { status: 403, jsonRpc: -32042 },
  INTERNAL: { status: 500, jsonRpc: -32603 },
} as const satisfies Record<string, { status: number; jsonRpc: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** HTTP status for an error code. */
export function codeToStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** JSON-RPC 2.0 error code for an error code (JSON-RPC 2.0 section 5.1; -32000..-32099 are ours). */
export function codeToJsonRpc(code: ErrorCode): number {
  return ERROR_CODES[code].jsonRpc;
}

/**
 * An expected failure with a stable code. Routes and MCP handlers map it to the wire; anything that
 * is not a PorticoError is a bug and becomes INTERNAL without its message leaking.
 */
export class PorticoError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Response headers the answer carries (a `WWW-Authenticate` challenge, `Allow`). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: unknown,
    options: { headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'PorticoError';
    this.code = code;
    this.details = details;
    this.headers = options.headers;
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
}

/** Builds the error body for a code, message and request id. */
export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorBody {
  return details === undefined
    ? { error: { code, message, requestId } }
    : { error: { code, message, requestId, details } };
}

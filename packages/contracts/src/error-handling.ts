import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { codeToJsonRpc, codeToStatus, type ErrorCode, errorBody, PorticoError } from './errors.js';
import { frameworkErrorCode } from './framework-errors.js';

/**
 * The two wires Portico answers errors on: `http` (the control API and the auth service,
 * `{ error: { code, message, requestId, details? } }`) and `jsonrpc` (the MCP endpoint, a JSON-RPC
 * 2.0 error response carrying the same code in `error.data.code`).
 */
export type ErrorWire = 'http' | 'jsonrpc';

/** A JSON-RPC 2.0 error response (JSON-RPC 2.0 section 5) in Portico's vocabulary. */
export interface JsonRpcErrorBody {
  jsonrpc: '2.0';
  id: string | number | null;
  error: {
    code: number;
    message: string;
    data: { code: ErrorCode; requestId: string; details?: unknown };
  };
}

export interface ErrorHandlingOptions {
  wire: ErrorWire;
  /** Also answer unknown routes with NOT_FOUND (`no route GET /x`). */
  notFound?: boolean;
  /**
   * A service's own error type, before the common mapping (auth's OAuthError becomes an RFC 6749
   * body): return the reply to take over, undefined to fall through.
   */
  intercept?: (
    error: Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => FastifyReply | undefined;
  /** Messages for the errors the framework raises, by code (its own messages are generic). */
  messages?: Partial<Record<ErrorCode, string>>;
  /** Headers added to every UNAUTHENTICATED answer (a `WWW-Authenticate` challenge). */
  unauthenticatedHeaders?: Record<string, string>;
  /** Put fastify's `validationContext` (body, querystring, params) into VALIDATION_FAILED details. */
  validationContext?: boolean;
}

/** The JSON-RPC id of a parsed request body, for echoing in an error; `null` when there is none. */
export function requestIdOf(body: unknown): string | number | null {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const id = (body as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

/** Builds a JSON-RPC error response whose `error.code` is the code's JSON-RPC number. */
export function jsonRpcErrorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  id: string | number | null,
  details?: unknown,
): JsonRpcErrorBody {
  const data = details === undefined ? { code, requestId } : { code, requestId, details };
  return { jsonrpc: '2.0', id, error: { code: codeToJsonRpc(code), message, data } };
}

/**
 * Any thrown value as a PorticoError: a PorticoError as it is; a zod validation failure of a
 * route schema as VALIDATION_FAILED with `{ issues: [{ path, message }] }` (never the values:
 * they can be addresses and codes); fastify's own client errors (`FST_*`) as their code with the
 * framework's generic message; anything else as INTERNAL `internal error` (its message is an
 * implementation detail and never reaches the wire).
 */
export function classifyError(
  error: unknown,
  options: { validationContext?: boolean } = {},
): PorticoError {
  if (error instanceof PorticoError) return error;
  if (error instanceof Error && hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    const context = (error as { validationContext?: string }).validationContext;
    const details = options.validationContext ? { in: context, issues } : { issues };
    return new PorticoError('VALIDATION_FAILED', 'request validation failed', details);
  }
  const framework = error instanceof Error ? frameworkErrorCode(error as FastifyError) : undefined;
  if (framework) return new PorticoError(framework, (error as Error).message);
  return new PorticoError('INTERNAL', 'internal error');
}

/**
 * Sends `error` on `wire`: the code's HTTP status, the error's headers, `Retry-After` (seconds)
 * for RATE_LIMITED with `details.retryAfterSeconds`, and the wire's body. `jsonRpcId` is the id
 * echoed on the jsonrpc wire (null when the request had none or was not parsed).
 */
export function sendError(
  reply: FastifyReply,
  wire: ErrorWire,
  error: PorticoError,
  jsonRpcId: string | number | null = null,
): FastifyReply {
  reply.code(codeToStatus(error.code));
  if (error.headers) reply.headers(error.headers);
  const retry = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.code === 'RATE_LIMITED' && typeof retry === 'number')
    reply.header('retry-after', retry);
  const requestId = reply.request.id;
  if (wire === 'http') {
    return reply.send(errorBody(error.code, error.message, requestId, error.details));
  }
  return reply
    .type('application/json')
    .send(jsonRpcErrorBody(error.code, error.message, requestId, jsonRpcId, error.details));
}

/**
 * The one logging rule for errors: a failure answered INTERNAL is logged at error level with the
 * error's name and stack only (messages of store, crypto or SES errors can quote the request's
 * data), plus `context` (a tool name, never arguments). Expected outcomes (every other code) are
 * left to the request log line.
 */
export function logInternalError(
  log: Pick<FastifyBaseLogger, 'error'>,
  error: unknown,
  context: Record<string, unknown> = {},
): void {
  const { name, stack } = error instanceof Error ? error : { name: typeof error, stack: undefined };
  log.error({ ...context, errName: name, stack }, 'internal error');
}

/**
 * Installs the one error handler (and, with `notFound`, the 404 handler) on `app`'s encapsulation
 * context, logging by {@link logInternalError}.
 */
export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  const answer = (error: PorticoError, request: FastifyRequest, reply: FastifyReply) => {
    const headers =
      error.code === 'UNAUTHENTICATED' && options.unauthenticatedHeaders && !error.headers
        ? new PorticoError(error.code, error.message, error.details, {
            headers: options.unauthenticatedHeaders,
          })
        : error;
    const id = options.wire === 'jsonrpc' ? requestIdOf(request.body) : null;
    return sendError(reply, options.wire, headers, id);
  };
  app.setErrorHandler((raw: FastifyError | Error, request, reply) => {
    const taken = options.intercept?.(raw, request, reply);
    if (taken) return taken;
    let error = classifyError(raw, options);
    if (error.code === 'INTERNAL') {
      logInternalError(request.log, raw);
    } else if (!(raw instanceof PorticoError) && options.messages?.[error.code]) {
      error = new PorticoError(error.code, options.messages[error.code] as string, error.details);
    }
    return answer(error, request, reply);
  });
  if (options.notFound) {
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      return answer(
        new PorticoError('NOT_FOUND', `no route ${request.method} ${path}`),
        request,
        reply,
      );
    });
  }
}

import {
  codeToStatus,
  type ErrorCode,
  errorBody,
  frameworkErrorCode,
  PorticoError,
} from '@portico/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { OAuthError } from './oauth/errors.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
): FastifyReply {
  const retry = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (code === 'RATE_LIMITED' && typeof retry === 'number') reply.header('retry-after', retry);
  return reply.code(codeToStatus(code)).send(errorBody(code, message, request.id, details));
}

/**
 * The one error handler: OAuthError -> RFC 6749 `{ error, error_description }`; PorticoError -> its code's status; zod validation failures ->
 * VALIDATION_FAILED (400) with paths and messages only (never the values: they are addresses
 * and codes); fastify client errors -> their code; anything else -> INTERNAL (500) without the
 * internal message. Body: `{ "error": { "code", "message", "requestId", "details"? } }`.
 */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof OAuthError) {
    // RFC 6749 section 5.2; invalid_client answers 401 with a challenge (no client auth scheme).
    if (error.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_client"');
    return reply.code(error.status).send(error.body());
  }
  if (error instanceof PorticoError) {
    if (error.code === 'INTERNAL') request.log.error({ errName: error.name }, 'internal error');
    return send(reply, request, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return send(reply, request, 'VALIDATION_FAILED', 'request validation failed', { issues });
  }
  const mapped = frameworkErrorCode(error as FastifyError);
  if (mapped) return send(reply, request, mapped, error.message);
  // The stack and name only: messages of store or SES errors can quote the request's data.
  request.log.error({ errName: error.name, stack: error.stack }, 'unhandled error');
  return send(reply, request, 'INTERNAL', 'internal error');
}

/** 404 for unknown routes under /auth, in the error vocabulary. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(
    reply,
    request,
    'NOT_FOUND',
    `no route ${request.method} ${request.url.split('?')[0]}`,
  );
}

import {
  codeToStatus,
  type ErrorCode,
  errorBody,
  frameworkErrorCode,
  PorticoError,
} from '@portico/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
): FastifyReply {
  if (code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer realm="portico"');
  return reply.code(codeToStatus(code)).send(errorBody(code, message, request.id, details));
}

/**
 * The one error handler: PorticoError -> its code's status; zod validation failures ->
 * VALIDATION_FAILED (400) with the issues; fastify client errors -> their code; anything else ->
 * INTERNAL (500) without the internal message, logged with the request id.
 * Body: `{ "error": { "code", "message", "requestId", "details"? } }`.
 */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof PorticoError) {
    if (error.code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
    return send(reply, request, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return send(reply, request, 'VALIDATION_FAILED', 'request validation failed', {
      in: (error as { validationContext?: string }).validationContext,
      issues,
    });
  }
  const mapped = frameworkErrorCode(error as FastifyError);
  if (mapped) return send(reply, request, mapped, error.message);
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, request, 'INTERNAL', 'internal error');
}

/** 404 for unknown routes under the control API prefix, in the error vocabulary. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(
    reply,
    request,
    'NOT_FOUND',
    `no route ${request.method} ${request.url.split('?')[0]}`,
  );
}

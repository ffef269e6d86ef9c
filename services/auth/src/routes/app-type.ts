import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VerbContext } from '../context.js';

/** The fastify instance routes register on: zod schemas as the type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The verb context of a request: request id, client IP and user agent. */
export function verbContext(req: FastifyRequest): VerbContext {
  const ua = req.headers['user-agent'];
  return { requestId: req.id, ip: req.ip, ...(ua ? { userAgent: ua } : {}) };
}

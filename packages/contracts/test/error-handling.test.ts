import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ERROR_CODES,
  type ErrorCode,
  type ErrorHandlingOptions,
  installErrorHandling,
  PorticoError,
} from '../src/index.js';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appWith(options: ErrorHandlingOptions): Promise<FastifyInstance> {
  const instance = Fastify({ logger: false });
  instance.setValidatorCompiler(validatorCompiler);
  instance.setSerializerCompiler(serializerCompiler);
  installErrorHandling(instance, options);
  instance.post<{ Params: { code: ErrorCode } }>('/throw/:code', async (request) => {
    throw new PorticoError(request.params.code, `failed with ${request.params.code}`, { n: 1 });
  });
  instance.post('/bug', async () => {
    throw new Error('secret internal detail user@example.com');
  });
  instance
    .withTypeProvider<ZodTypeProvider>()
    .post('/validated', { schema: { body: z.object({ email: z.email() }) } }, async () => ({
      ok: true,
    }));
  instance.post('/limited', async () => {
    throw new PorticoError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 7 });
  });
  await instance.ready();
  app = instance;
  return instance;
}

describe('installErrorHandling on the http wire', () => {
  it.each(CODES)('answers %s with its status and the vocabulary body', async (code) => {
    const server = await appWith({ wire: 'http' });
    const res = await server.inject({ method: 'POST', url: `/throw/${code}` });
    expect(res.statusCode).toBe(ERROR_CODES[code].status);
    const body = res.json();
    expect(body.error).toEqual({
      code,
      message: `failed with ${code}`,
      requestId: expect.any(String),
      details: { n: 1 },
    });
  });

  it('never puts an internal message on the wire', async () => {
    const server = await appWith({ wire: 'http' });
    const res = await server.inject({ method: 'POST', url: '/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
    expect(res.body).not.toContain('secret');
  });

  it('maps invalid JSON to PARSE_ERROR, a wrong media type to UNSUPPORTED_MEDIA_TYPE', async () => {
    const server = await appWith({ wire: 'http' });
    const bad = await server.inject({
      method: 'POST',
      url: '/bug',
      headers: { 'content-type': 'application/json' },
      payload: '{"x":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PARSE_ERROR');
    const media = await server.inject({
      method: 'POST',
      url: '/bug',
      headers: { 'content-type': 'application/xml' },
      payload: 'x',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reports validation failures by path and message, never the value', async () => {
    const server = await appWith({ wire: 'http', validationContext: true });
    const res = await server.inject({
      method: 'POST',
      url: '/validated',
      payload: { email: 'not-an-address-secret' },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.in).toBe('body');
    expect(error.details.issues[0].path).toBe('/email');
    expect(res.body).not.toContain('not-an-address-secret');
  });

  it('sends Retry-After for RATE_LIMITED and the challenge for UNAUTHENTICATED', async () => {
    const server = await appWith({
      wire: 'http',
      unauthenticatedHeaders: { 'www-authenticate': 'Bearer realm="portico"' },
    });
    const limited = await server.inject({ method: 'POST', url: '/limited' });
    expect(limited.headers['retry-after']).toBe('7');
    const unauthenticated = await server.inject({ method: 'POST', url: '/throw/UNAUTHENTICATED' });
    expect(unauthenticated.headers['www-authenticate']).toBe('Bearer realm="portico"');
  });

  it('answers unknown routes with NOT_FOUND when asked to', async () => {
    const server = await appWith({ wire: 'http', notFound: true });
    const res = await server.inject({ method: 'GET', url: '/nowhere?q=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'no route GET /nowhere' });
  });

  it('lets a service take over its own error type first', async () => {
    const server = await appWith({
      wire: 'http',
      intercept: (error, _request, reply) =>
        error.message.startsWith('secret') ? reply.code(418).send({ own: true }) : undefined,
    });
    const res = await server.inject({ method: 'POST', url: '/bug' });
    expect(res.statusCode).toBe(418);
    expect(res.json()).toEqual({ own: true });
  });
});

describe('installErrorHandling on the jsonrpc wire', () => {
  it.each(CODES)('answers %s with its status, JSON-RPC code and data.code', async (code) => {
    const server = await appWith({ wire: 'jsonrpc' });
    const res = await server.inject({
      method: 'POST',
      url: `/throw/${code}`,
      payload: { jsonrpc: '2.0', id: 42, method: 'tools/call' },
    });
    expect(res.statusCode).toBe(ERROR_CODES[code].status);
    expect(res.json()).toEqual({
      jsonrpc: '2.0',
      id: 42,
      error: {
        code: ERROR_CODES[code].jsonRpc,
        message: `failed with ${code}`,
        data: { code, requestId: expect.any(String), details: { n: 1 } },
      },
    });
  });

  it('answers an unparseable body with -32700 and a null id, using the given message', async () => {
    const server = await appWith({
      wire: 'jsonrpc',
      messages: { PARSE_ERROR: 'Parse error: the request body is not valid JSON' },
    });
    const res = await server.inject({
      method: 'POST',
      url: '/bug',
      headers: { 'content-type': 'application/json' },
      payload: '{"jsonrpc":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      id: null,
      error: {
        code: -32700,
        message: 'Parse error: the request body is not valid JSON',
        data: { code: 'PARSE_ERROR' },
      },
    });
  });
});

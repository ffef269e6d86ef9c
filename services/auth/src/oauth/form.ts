import type { FastifyInstance } from 'fastify';
import { OAuthError } from './errors.js';

/** Largest form body accepted, bytes. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * Parses `application/x-www-form-urlencoded` bodies (RFC 6749 section 4.1.3, appendix B) into a
 * string record. A parameter sent twice is refused (RFC 6749 section 3.1: "MUST NOT be included
 * more than once").
 */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
    (_req, body, done) => {
      const params = new URLSearchParams(body as string);
      const out: Record<string, string> = {};
      for (const [name, value] of params) {
        if (Object.hasOwn(out, name)) {
          done(new OAuthError('invalid_request', `parameter ${name} sent more than once`));
          return;
        }
        out[name] = value;
      }
      done(null, out);
    },
  );
}

/** The body as a string record (forms and JSON alike); non-string values are dropped. */
export function formParams(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** A required parameter, or invalid_request naming it. */
export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    throw new OAuthError('invalid_request', `missing parameter ${name}`);
  }
  return value;
}

import { z } from 'zod';
import { WireAudience } from './audience.js';

/** Longest address accepted (RFC 5321 section 4.5.3.1.3: a path is at most 256 octets). */
const MAX_EMAIL_CHARS = 254;

export const Email = z.email().max(MAX_EMAIL_CHARS);
export const Code = z.string().regex(/^\d{6}$/, 'six digits');
export { WireAudience };

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Adds the error body to a route's responses. */
export function withErrors<T extends Record<number, z.ZodType>>(
  ok: T,
): T & { '4xx': typeof ErrorResponse; '5xx': typeof ErrorResponse } {
  return { ...ok, '4xx': ErrorResponse, '5xx': ErrorResponse };
}

import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * OAuth error codes, declared once: RFC 6749 section 5.2 (token endpoint), section 4.1.2.1
 * (authorization response), RFC 7591 section 3.2.2 (registration), RFC 8707 section 2
 * (`invalid_target`), with their HTTP status on direct answers.
 */
export const OAUTH_ERRORS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  access_denied: 403,
  invalid_redirect_uri: 400,
  invalid_client_metadata: 400,
  unsupported_token_type: 400,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

/**
 * An OAuth protocol failure, answered as `{ error, error_description }` (RFC 6749 section 5.2),
 * not in the Portico error vocabulary: OAuth clients parse this shape.
 */
export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;

  constructor(error: OAuthErrorCode, description: string) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.status = OAUTH_ERRORS[error];
  }

  /** The JSON body of RFC 6749 section 5.2. */
  body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}

/**
 * The error handler's intercept (installErrorHandling) for OAuthError: the RFC 6749 section 5.2
 * body at its status; invalid_client answers 401 with a challenge (no client auth scheme).
 * Undefined for any other error (the common mapping answers it).
 */
export function answerOAuthError(
  error: Error,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  if (!(error instanceof OAuthError)) return undefined;
  if (error.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_client"');
  return reply.code(error.status).send(error.body());
}

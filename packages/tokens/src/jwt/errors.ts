import { type ErrorCode, PorticoError } from '@portico/contracts';

/**
 * Why a token was refused or could not be made. Verification reasons map to the contracts code
 * `UNAUTHENTICATED` (HTTP 401); signing reasons are the caller's bug and map to `INTERNAL`.
 *
 * - `TOKEN_INVALID`: not a compact JWS, `alg` other than ES256 (`none`, `HS256`, ...), bad
 *   signature, missing or ill-typed claim (RFC 8725 section 3.1 and 3.2).
 * - `TOKEN_UNKNOWN_KEY`: no `kid`, or a `kid` that is not a published, unretired signing key.
 * - `TOKEN_EXPIRED`: `exp` reached, or `iat` older than the maximum lifetime (RFC 7519 section 4.1.4).
 * - `TOKEN_NOT_YET_VALID`: `iat` in the future (beyond the clock tolerance).
 * - `TOKEN_WRONG_ISSUER`, `TOKEN_WRONG_AUDIENCE`, `TOKEN_WRONG_TYPE`, `TOKEN_WRONG_ORG`: `iss`, `aud`,
 *   header `typ` or `org_id` differ from what the verifier pinned (RFC 8725 sections 3.8, 3.9, 3.11).
 * - `LIFETIME_INVALID`, `CLAIMS_INVALID`, `NO_SIGNING_KEY`: refused at signing time.
 */
export type TokenErrorReason =
  | 'TOKEN_INVALID'
  | 'TOKEN_UNKNOWN_KEY'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_WRONG_TYPE'
  | 'TOKEN_WRONG_ORG'
  | 'LIFETIME_INVALID'
  | 'CLAIMS_INVALID'
  | 'NO_SIGNING_KEY';

const SIGNING_REASONS: ReadonlySet<TokenErrorReason> = new Set([
  'LIFETIME_INVALID',
  'CLAIMS_INVALID',
  'NO_SIGNING_KEY',
]);

/**
 * A refused token or a refused signing request. It is a PorticoError, so routes map it to the wire
 * without special cases: `code` is the contracts code (`UNAUTHENTICATED` or `INTERNAL`), `reason`
 * is the token-specific cause (also in `details.reason`). Messages never contain the token.
 */
export class TokenError extends PorticoError {
  readonly reason: TokenErrorReason;

  constructor(reason: TokenErrorReason, message: string, options?: { cause?: unknown }) {
    const code: ErrorCode = SIGNING_REASONS.has(reason) ? 'INTERNAL' : 'UNAUTHENTICATED';
    super(code, message, { reason });
    this.name = 'TokenError';
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

import { errors, type JWSHeaderParameters, type JWTPayload, jwtVerify } from 'jose';
import { TokenError, type TokenErrorReason } from './errors.js';
import type { KeyRing } from './key-ring.js';
import { SIGNING_ALG, type VerifiedToken, type VerifyOptions } from './types.js';

/** What verifyToken needs from the service. `now` returns epoch ms; durations are seconds. */
export interface VerifyContext {
  issuer: string;
  now: () => number;
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
  ring: KeyRing;
}

/** Longer input is refused before any parsing (a Portico token is well under 2 KB). */
const MAX_TOKEN_CHARS = 8192;

/**
 * Verifies a compact JWS JWT per RFC 8725: algorithm pinned to ES256 (so `none` and HS256 with the
 * public key as secret fail, section 3.1), key chosen only by `kid` among this service's published
 * keys (never from `jwk`/`jku`/`x5u` headers), signature, then header `typ` (section 3.11), `iss`
 * (3.8), `aud` (3.9), `exp` and `iat` (RFC 7519 section 4.1.4/4.1.6; `iat` older than the maximum
 * lifetime counts as expired, `iat` in the future is refused) with `clockToleranceSeconds`, and
 * the presence of `sub`, `jti` (and `client_id` for `at+jwt`, RFC 9068 section 4).
 * Throws TokenError (code UNAUTHENTICATED) with reason TOKEN_INVALID, TOKEN_UNKNOWN_KEY,
 * TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_WRONG_TYPE, TOKEN_WRONG_ISSUER, TOKEN_WRONG_AUDIENCE
 * or TOKEN_WRONG_ORG.
 */
export async function verifyToken(
  ctx: VerifyContext,
  token: string,
  options: VerifyOptions,
): Promise<VerifiedToken> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) {
    throw new TokenError('TOKEN_INVALID', 'token is empty or too long');
  }
  let kid = '';
  const getKey = async (header: JWSHeaderParameters) => {
    const key =
      typeof header.kid === 'string' ? await ctx.ring.findPublished(header.kid) : undefined;
    if (!key) throw new TokenError('TOKEN_UNKNOWN_KEY', 'token kid is not a published signing key');
    kid = key.kid;
    return ctx.ring.publicKey(key);
  };
  const requiredClaims = ['iss', 'sub', 'aud', 'exp', 'iat', 'jti'];
  if (options.typ === 'at+jwt') requiredClaims.push('client_id');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      algorithms: [SIGNING_ALG],
      typ: options.typ,
      issuer: ctx.issuer,
      audience: options.audience,
      requiredClaims,
      maxTokenAge: ctx.maxLifetimeSeconds,
      clockTolerance: ctx.clockToleranceSeconds,
      currentDate: new Date(ctx.now()),
    }));
  } catch (err) {
    throw toTokenError(err);
  }
  return toVerified(payload, kid, options);
}

function toVerified(payload: JWTPayload, kid: string, options: VerifyOptions): VerifiedToken {
  const { iss, sub, aud, exp, iat, jti, scope, client_id: clientId, org_id: orgId } = payload;
  const strings = [iss, sub, jti].every((v) => typeof v === 'string' && v.length > 0);
  const optional = [scope, clientId, orgId].every((v) => v === undefined || typeof v === 'string');
  if (!strings || !optional || typeof exp !== 'number' || typeof iat !== 'number' || !aud) {
    throw new TokenError('TOKEN_INVALID', 'token claims have the wrong types');
  }
  if (options.orgId !== undefined && orgId !== options.orgId) {
    throw new TokenError('TOKEN_WRONG_ORG', 'token belongs to another organization');
  }
  const verified: VerifiedToken = {
    typ: options.typ,
    kid,
    iss: iss as string,
    sub: sub as string,
    aud,
    exp,
    iat,
    jti: jti as string,
    scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
    payload,
  };
  if (typeof scope === 'string') verified.scope = scope;
  if (typeof clientId === 'string') verified.clientId = clientId;
  if (typeof orgId === 'string') verified.orgId = orgId;
  return verified;
}

const CLAIM_REASONS: Record<string, TokenErrorReason> = {
  typ: 'TOKEN_WRONG_TYPE',
  iss: 'TOKEN_WRONG_ISSUER',
  aud: 'TOKEN_WRONG_AUDIENCE',
  iat: 'TOKEN_NOT_YET_VALID',
  nbf: 'TOKEN_NOT_YET_VALID',
};

function toTokenError(err: unknown): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof errors.JWTExpired) {
    return new TokenError('TOKEN_EXPIRED', 'token has expired', { cause: err });
  }
  if (err instanceof errors.JWTClaimValidationFailed && err.reason === 'check_failed') {
    const reason = CLAIM_REASONS[err.claim];
    if (reason) return new TokenError(reason, err.message, { cause: err });
  }
  const message = err instanceof errors.JOSEError ? err.message : 'token is malformed';
  return new TokenError('TOKEN_INVALID', message, { cause: err });
}

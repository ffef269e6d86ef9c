import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { TokenError } from './errors.js';
import type { KeyRing } from './key-ring.js';
import { pickSigningKey } from './key-store.js';
import { SIGNING_ALG, type SignInput, TOKEN_TYPES, type TokenType } from './types.js';

/** What signToken needs from the service. `now` returns epoch milliseconds. */
export interface SignContext {
  issuer: string;
  now: () => number;
  maxLifetimeSeconds: number;
  ring: KeyRing;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(TOKEN_TYPES));
const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'scope',
  'client_id',
  'org_id',
]);

/**
 * Signs a JWT with the current signing key (RFC 7519; JWS compact serialization, RFC 7515 section
 * 7.1). Header `{ alg: 'ES256', kid, typ }`; payload `iss`, `sub`, `aud`, `iat`, `exp` = iat +
 * lifetimeSeconds, `jti` (128 random bits, base64url), and `scope`, `client_id`, `org_id` when given.
 * Throws TokenError: LIFETIME_INVALID (not an integer in 1..maxLifetimeSeconds), CLAIMS_INVALID
 * (unknown typ, empty sub/aud, `at+jwt` without clientId, a reserved claim in `claims`),
 * NO_SIGNING_KEY (ensureKey was never run).
 */
export async function signToken(ctx: SignContext, input: SignInput): Promise<string> {
  const { lifetimeSeconds: life } = input;
  if (!Number.isInteger(life) || life < 1 || life > ctx.maxLifetimeSeconds) {
    throw new TokenError(
      'LIFETIME_INVALID',
      `token lifetime must be an integer in 1..${ctx.maxLifetimeSeconds} seconds`,
    );
  }
  assertClaims(input);
  const nowMs = ctx.now();
  const key =
    pickSigningKey(await ctx.ring.keys(), nowMs) ?? pickSigningKey(await ctx.ring.reload(), nowMs);
  if (!key) throw new TokenError('NO_SIGNING_KEY', 'no signing key is active; run ensureKey');

  const iat = Math.floor(nowMs / 1000);
  const payload: Record<string, unknown> = { ...input.claims };
  if (input.scope !== undefined) payload.scope = input.scope;
  if (input.clientId !== undefined) payload.client_id = input.clientId;
  if (input.orgId !== undefined) payload.org_id = input.orgId;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: input.typ })
    .setIssuer(ctx.issuer)
    .setSubject(input.sub)
    .setAudience(input.aud)
    .setIssuedAt(iat)
    .setExpirationTime(iat + life)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(await ctx.ring.privateKey(key));
}

function assertClaims(input: SignInput): void {
  const fail = (message: string): never => {
    throw new TokenError('CLAIMS_INVALID', message);
  };
  if (!KNOWN_TYPES.has(input.typ)) fail(`unknown token type ${String(input.typ)}`);
  if (!isNonEmpty(input.sub)) fail('sub must be a non-empty string');
  if (!isNonEmpty(input.aud)) fail('aud must be a non-empty string');
  if (input.typ === ('at+jwt' satisfies TokenType) && !isNonEmpty(input.clientId)) {
    fail('an at+jwt access token needs clientId (RFC 9068 section 2.2)');
  }
  for (const name of [input.scope, input.clientId, input.orgId]) {
    if (name !== undefined && typeof name !== 'string') fail('scope, clientId, orgId are strings');
  }
  for (const claim of Object.keys(input.claims ?? {})) {
    if (RESERVED_CLAIMS.has(claim)) fail(`claim ${claim} is set by the signer`);
  }
}

function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

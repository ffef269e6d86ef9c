import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessToken, ISSUER, SERVER_A, type Setup, setup } from './helpers.js';

describe('token service: issuing and verifying', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
    await s.service.ensureKey();
  });
  afterEach(() => s.cleanup());

  it('signs an ES256 access token with kid and typ that verifies with all its claims', async () => {
    const token = await s.service.sign(accessToken());
    const header = decodeProtectedHeader(token);
    const { keys } = await s.service.jwks();
    expect(header).toEqual({ alg: 'ES256', kid: keys[0]?.kid, typ: 'at+jwt' });

    const claims = decodeJwt(token);
    expect(claims.iat).toBe(Math.floor(s.clock.now() / 1000));
    expect(claims.exp).toBe((claims.iat ?? 0) + 300);
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const verified = await s.service.verify(token, {
      typ: 'at+jwt',
      audience: SERVER_A,
      orgId: 'org_acme',
    });
    expect(verified).toMatchObject({
      typ: 'at+jwt',
      kid: header.kid,
      iss: ISSUER,
      sub: 'user_123',
      aud: SERVER_A,
      scope: 'tools:call',
      scopes: ['tools:call'],
      clientId: 'client_abc',
      orgId: 'org_acme',
      jti: claims.jti,
    });
  });

  it('signs member sessions as portico-session+jwt', async () => {
    const api = 'https://portico.test/api/v1';
    const token = await s.service.sign({
      typ: 'portico-session+jwt',
      sub: 'member_1',
      aud: api,
      orgId: 'org_acme',
      lifetimeSeconds: 600,
    });
    expect(decodeProtectedHeader(token).typ).toBe('portico-session+jwt');
    const verified = await s.service.verify(token, { typ: 'portico-session+jwt', audience: api });
    expect(verified.sub).toBe('member_1');
    expect(verified.scopes).toEqual([]);
  });

  it('gives every token its own jti', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => s.service.sign(accessToken())),
    );
    expect(new Set(tokens.map((t) => decodeJwt(t).jti)).size).toBe(50);
  });

  it('publishes only public parameters, with kid = RFC 7638 thumbprint, alg and use', async () => {
    const { keys } = await s.service.jwks();
    expect(keys).toHaveLength(1);
    const [jwk] = keys;
    expect(Object.keys(jwk ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    const { kty, crv, x, y } = jwk ?? {};
    expect(jwk?.kid).toBe(await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256'));
  });

  it('creates the first key only once at boot', async () => {
    const before = await s.service.jwks();
    const again = await s.service.ensureKey();
    const otherReplica = await s.replica().ensureKey();
    expect(again).toEqual({ kid: before.keys[0]?.kid, created: false });
    expect(otherReplica.created).toBe(false);
    expect((await s.keyStore.list()).length).toBe(1);
  });

  it('accepts the maximum lifetime of 15 minutes exactly', async () => {
    const token = await s.service.sign(accessToken({ lifetimeSeconds: 900 }));
    const claims = decodeJwt(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
  });
});

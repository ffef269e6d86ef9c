import { PorticoError } from '@portico/contracts';
import { type CryptoKey, decodeJwt, exportSPKI, generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishedJwk, VerifyOptions } from '../src/index.js';
import {
  accessToken,
  expectRejected,
  handMadeJwt,
  ISSUER,
  SERVER_A,
  SERVER_B,
  type Setup,
  setup,
} from './helpers.js';

const AT_A: VerifyOptions = { typ: 'at+jwt', audience: SERVER_A };

describe('token verification refuses forged and misused tokens (RFC 8725)', () => {
  let s: Setup;
  let jwk: PublishedJwk;
  let claims: Record<string, unknown>;

  beforeEach(async () => {
    s = await setup();
    await s.service.ensureKey();
    const { keys } = await s.service.jwks();
    if (!keys[0]) throw new Error('no key');
    jwk = keys[0];
    claims = decodeJwt(await s.service.sign(accessToken()));
  });
  afterEach(() => s.cleanup());

  it('rejects alg none, whatever its spelling', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = handMadeJwt({ alg, kid: jwk.kid, typ: 'at+jwt' }, claims);
      await expectRejected(s.service.verify(token, AT_A), 'TOKEN_INVALID');
    }
  });

  it('rejects HS256 tokens signed with the public key as the HMAC secret (alg confusion)', async () => {
    const publicKey = await importJWK(jwk, 'ES256', { extractable: true });
    const secrets = [
      await exportSPKI(publicKey as CryptoKey),
      JSON.stringify(jwk),
      Buffer.concat([Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]),
    ];
    for (const secret of secrets) {
      const token = handMadeJwt({ alg: 'HS256', kid: jwk.kid, typ: 'at+jwt' }, claims, secret);
      await expectRejected(s.service.verify(token, AT_A), 'TOKEN_INVALID');
    }
  });

  it('rejects a token of another kind (wrong typ)', async () => {
    const session = await s.service.sign({
      typ: 'portico-session+jwt',
      sub: 'user_123',
      aud: SERVER_A,
      lifetimeSeconds: 300,
    });
    await expectRejected(s.service.verify(session, AT_A), 'TOKEN_WRONG_TYPE');
    const access = await s.service.sign(accessToken());
    await expectRejected(
      s.service.verify(access, { typ: 'portico-session+jwt', audience: SERVER_A }),
      'TOKEN_WRONG_TYPE',
    );
  });

  it("rejects another server's audience", async () => {
    const forB = await s.service.sign(accessToken({ aud: SERVER_B }));
    await expectRejected(s.service.verify(forB, AT_A), 'TOKEN_WRONG_AUDIENCE');
    await expect(s.service.verify(forB, { ...AT_A, audience: SERVER_B })).resolves.toBeTruthy();
  });

  it("rejects another organization's token when the verifier pins the org", async () => {
    const token = await s.service.sign(accessToken({ orgId: 'org_globex' }));
    await expectRejected(
      s.service.verify(token, { ...AT_A, orgId: 'org_acme' }),
      'TOKEN_WRONG_ORG',
    );
  });

  it('accepts a token one second before expiry and rejects it one second after', async () => {
    const token = await s.service.sign(accessToken({ lifetimeSeconds: 60 }));
    s.clock.advance(59_000);
    await expect(s.service.verify(token, AT_A)).resolves.toBeTruthy();
    s.clock.advance(2_000);
    await expectRejected(s.service.verify(token, AT_A), 'TOKEN_EXPIRED');
  });

  it('rejects an unknown kid, a missing kid, and a known kid with a foreign signature', async () => {
    const foreign = await generateKeyPair('ES256');
    const sign = (kid?: string): Promise<string> =>
      new SignJWT(claims)
        .setProtectedHeader(
          kid ? { alg: 'ES256', kid, typ: 'at+jwt' } : { alg: 'ES256', typ: 'at+jwt' },
        )
        .sign(foreign.privateKey);
    await expectRejected(
      s.service.verify(await sign('not-a-known-kid'), AT_A),
      'TOKEN_UNKNOWN_KEY',
    );
    await expectRejected(s.service.verify(await sign(), AT_A), 'TOKEN_UNKNOWN_KEY');
    await expectRejected(s.service.verify(await sign(jwk.kid), AT_A), 'TOKEN_INVALID');
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await s.service.sign(accessToken())).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    await expectRejected(
      s.service.verify(`${header}.${forged}.${signature}`, AT_A),
      'TOKEN_INVALID',
    );
  });

  it('rejects a token from another issuer sharing the same keys', async () => {
    const other = s.replica({ issuer: 'https://evil.test/auth' });
    const token = await other.sign(accessToken());
    await expectRejected(s.service.verify(token, AT_A), 'TOKEN_WRONG_ISSUER');
    expect(decodeJwt(token).iss).not.toBe(ISSUER);
  });

  it('rejects a token issued in the future (iat ahead of the clock)', async () => {
    s.clock.advance(120_000);
    const token = await s.service.sign(accessToken());
    s.clock.advance(-120_000);
    await expectRejected(s.service.verify(token, AT_A), 'TOKEN_NOT_YET_VALID');
  });

  it('refuses to sign for longer than 15 minutes, or for a configured cap above it', async () => {
    await expectRejected(s.service.sign(accessToken({ lifetimeSeconds: 901 })), 'LIFETIME_INVALID');
    await expectRejected(s.service.sign(accessToken({ lifetimeSeconds: 0 })), 'LIFETIME_INVALID');
    const capped = s.replica({ maxLifetimeSeconds: 300 });
    await expectRejected(capped.sign(accessToken({ lifetimeSeconds: 301 })), 'LIFETIME_INVALID');
    expect(() => s.replica({ maxLifetimeSeconds: 3600 })).toThrow(/maxLifetimeSeconds/);
  });

  it('refuses an access token without client_id and claims that override registered ones', async () => {
    await expectRejected(s.service.sign(accessToken({ clientId: undefined })), 'CLAIMS_INVALID');
    await expectRejected(
      s.service.sign(accessToken({ claims: { aud: SERVER_B } })),
      'CLAIMS_INVALID',
    );
  });

  it('reports refusals as UNAUTHENTICATED PorticoErrors that do not echo the token', async () => {
    const token = await s.service.sign(accessToken({ aud: SERVER_B }));
    const err = await expectRejected(s.service.verify(token, AT_A), 'TOKEN_WRONG_AUDIENCE');
    expect(err).toBeInstanceOf(PorticoError);
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.message).not.toContain(token.split('.')[1]);
  });

  it('rejects garbage and oversized input without throwing anything but TokenError', async () => {
    for (const junk of ['', 'a.b', 'a.b.c', '...', `${'x'.repeat(9000)}.a.b`]) {
      await expectRejected(s.service.verify(junk, AT_A), 'TOKEN_INVALID');
    }
  });
});

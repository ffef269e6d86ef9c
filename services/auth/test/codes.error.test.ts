import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthConfig, RATE_LIMITS } from '../src/index.js';
import {
  freshTenant,
  otherCode,
  requestCode,
  T0,
  type TestApp,
  testApp,
  uniqueEmail,
  uniqueIp,
  verifyCode,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function endUserCode() {
  t.clock.set(T0);
  const { server } = await freshTenant(t.store);
  const email = uniqueEmail();
  const audience = { kind: 'enduser', serverSlug: server.slug } as const;
  expect((await requestCode(t.app, { email, audience })).statusCode).toBe(202);
  return { server, email, audience, code: t.mail.codeFor(email) };
}

describe('POST /auth/codes/verify (errors)', () => {
  it('rejects the code at 10:01 with OTP_EXPIRED and records the reason', async () => {
    const { server, email, audience, code } = await endUserCode();
    t.clock.advance(10 * 60_000 + 1_000);
    const res = await verifyCode(t.app, { email, audience, code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('OTP_EXPIRED');
    const events = await t.store.authEvents.list(server.orgId, { now: T0 });
    expect(events.items[0]).toMatchObject({ type: 'code_failed', reason: 'expired' });
    expect(
      await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email)),
    ).toBeUndefined();
  });

  it('rejects the right code after 5 wrong ones (TOO_MANY_ATTEMPTS)', async () => {
    const { email, audience, code, server } = await endUserCode();
    for (let i = 0; i < 5; i++) {
      const wrong = await verifyCode(t.app, { email, audience, code: otherCode(code) });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('OTP_INVALID');
    }
    const right = await verifyCode(t.app, { email, audience, code });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    const reasons = (await t.store.authEvents.list(server.orgId, { now: T0 })).items.map(
      (e) => e.reason,
    );
    expect(reasons.slice(0, 6)).toEqual(['too_many_attempts', ...Array(5).fill('wrong_code')]);
  });

  it('accepts the right code on the 5th attempt after 4 wrong ones', async () => {
    const { email, audience, code } = await endUserCode();
    for (let i = 0; i < 4; i++) await verifyCode(t.app, { email, audience, code: otherCode(code) });
    expect((await verifyCode(t.app, { email, audience, code })).statusCode).toBe(200);
  });

  it('rejects a replayed code', async () => {
    const { email, audience, code, server } = await endUserCode();
    expect((await verifyCode(t.app, { email, audience, code })).statusCode).toBe(200);
    const replay = await verifyCode(t.app, { email, audience, code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('OTP_INVALID');
    const events = await t.store.authEvents.list(server.orgId, { now: T0 });
    expect(events.items[0]).toMatchObject({ type: 'code_failed', reason: 'already_used' });
    expect(
      (await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email)))?.loginCount,
    ).toBe(1);
  });

  it('answers OTP_INVALID when no code was requested or the server is unknown', async () => {
    const { server } = await freshTenant(t.store);
    const email = uniqueEmail();
    for (const serverSlug of [server.slug, 'no-such-server']) {
      const res = await verifyCode(t.app, {
        email,
        audience: { kind: 'enduser', serverSlug },
        code: '123456',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('OTP_INVALID');
    }
  });

  it('validates the body: address, audience and six digits', async () => {
    const { server } = await freshTenant(t.store);
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    for (const body of [
      { email: 'not-an-email', audience, code: '123456' },
      { email: uniqueEmail(), audience, code: '12345' },
      { email: uniqueEmail(), audience, code: '12345a' },
      { email: uniqueEmail(), audience: { kind: 'admin' }, code: '123456' },
    ]) {
      const res = await verifyCode(t.app, body as never);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('POST /auth/codes (errors)', () => {
  it('refuses the 4th send to one address inside 10 minutes, and allows it once the window slides', async () => {
    t.clock.set(T0);
    const { server, orgId } = await freshTenant(t.store);
    const email = uniqueEmail();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    for (let i = 0; i < 3; i++) {
      expect((await requestCode(t.app, { email, audience })).statusCode).toBe(202);
      t.clock.advance(60_000);
    }
    // At 9:00 after the first send: still inside the window. Another IP does not help.
    t.clock.set(new Date(T0.getTime() + 9 * 60_000));
    const fourth = await requestCode(t.app, { email, audience }, { ip: uniqueIp() });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('RATE_LIMITED');
    expect(fourth.headers['retry-after']).toBe('60');
    expect(t.mail.sent.filter((m) => m.to === email)).toHaveLength(3);
    // The limit is per address, not per audience: the member sign-in shares it.
    const member = await requestCode(t.app, { email, audience: { kind: 'member', orgId } });
    expect(member.statusCode).toBe(429);

    t.clock.set(new Date(T0.getTime() + 10 * 60_000));
    expect((await requestCode(t.app, { email, audience })).statusCode).toBe(202);
  });

  it(`refuses request ${RATE_LIMITS.codeRequests.max + 1} from one IP inside 10 minutes (per-IP limit)`, async () => {
    t.clock.set(T0);
    const { server } = await freshTenant(t.store);
    const ip = uniqueIp();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    for (let i = 0; i < RATE_LIMITS.codeRequests.max; i++) {
      expect(
        (await requestCode(t.app, { email: uniqueEmail(), audience }, { ip })).statusCode,
      ).toBe(202);
    }
    const refused = await requestCode(t.app, { email: uniqueEmail(), audience }, { ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a malformed body', async () => {
    for (const body of [
      { email: 'x' },
      { email: uniqueEmail(), audience: { kind: 'member' } },
      {},
    ]) {
      const res = await requestCode(t.app, body as never);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('environment', () => {
  const base = {
    PORTICO_SES_FROM: 'no-reply@example.com',
    PORTICO_CODE_KEY_PATH: '/k',
    PORTICO_KEK_PATH: '/kek',
  };

  it('parses a good environment with defaults', () => {
    expect(parseAuthConfig(base)).toMatchObject({
      port: 4100,
      tableName: 'portico',
      sesRegion: 'us-east-1',
    });
    expect(parseAuthConfig({ PORTICO_SES_FROM: 'no-reply@example.com' })).toMatchObject({
      codeKeyPath: '.portico/code-key.bin',
      kekPath: '.portico/kek.bin',
      signingKeysPath: '.portico/signing-keys.json',
    });
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => parseAuthConfig({ ...base, PORTICO_PORT: 'eighty' })).toThrow(/PORTICO_PORT/);
    expect(() => parseAuthConfig({ ...base, PORTICO_SES_ENDPOINT: 'not a url' })).toThrow(
      /PORTICO_SES_ENDPOINT/,
    );
    const { PORTICO_SES_FROM: _, ...missing } = base;
    expect(() => parseAuthConfig(missing)).toThrow(/PORTICO_SES_FROM/);
  });
});

import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../src/index.js';
import {
  freshTenant,
  otherCode,
  requestCode,
  T0,
  uniqueEmail,
  uniqueIp,
  withTestApp,
} from './helpers.js';
import { post } from './sessions-helpers.js';
import { orgsOf, signupRequest, signupVerify } from './signup-helpers.js';

const TOKEN = 'operator-signup-token-0123456789';

describe('organization sign-up by email (security)', () => {
  it('an address that never verifies gets no org', async () => {
    await withTestApp(async (t) => {
      const email = uniqueEmail('unverified');
      expect((await signupRequest(t.app, email)).statusCode).toBe(202);
      expect(t.mail.sent.filter((m) => m.to === email)).toHaveLength(1);
      expect(await orgsOf(t, email)).toEqual([]);
    });
  });

  it('a wrong code creates nothing; after 5 attempts the right code is dead too', async () => {
    await withTestApp(async (t) => {
      const email = uniqueEmail('guess');
      await signupRequest(t.app, email);
      const code = t.mail.codeFor(email);
      const wrong = await signupVerify(t.app, { email, code: otherCode(code) });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('OTP_INVALID');
      for (let i = 0; i < 4; i++) await signupVerify(t.app, { email, code: otherCode(code) });
      const right = await signupVerify(t.app, { email, code });
      expect(right.statusCode).toBe(403);
      expect(right.json().error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(await orgsOf(t, email)).toEqual([]);
    });
  });

  it('a code creates one org once: reusing it is refused', async () => {
    await withTestApp(async (t) => {
      const email = uniqueEmail('reuse');
      await signupRequest(t.app, email);
      const code = t.mail.codeFor(email);
      expect((await signupVerify(t.app, { email, code })).statusCode).toBe(201);
      const again = await signupVerify(t.app, { email, code, name: 'Second' });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('OTP_INVALID');
      expect(await orgsOf(t, email)).toHaveLength(1);
    });
  });

  it('a code expires after 10 minutes', async () => {
    await withTestApp(async (t) => {
      t.clock.set(T0);
      const email = uniqueEmail('late');
      await signupRequest(t.app, email);
      t.clock.advance(600_000);
      const late = await signupVerify(t.app, { email, code: t.mail.codeFor(email) });
      expect(late.json().error.code).toBe('OTP_EXPIRED');
      expect(await orgsOf(t, email)).toEqual([]);
    });
  });

  it('a member sign-in code does not sign up, and a sign-up code does not sign in', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      await requestCode(t.app, { email: member, audience: { kind: 'member', orgId } });
      const signInCode = t.mail.codeFor(member);
      expect((await signupVerify(t.app, { email: member, code: signInCode })).statusCode).toBe(400);
      await signupRequest(t.app, member);
      const signupCode = t.mail.codeFor(member);
      const signIn = await post(t.app, '/auth/sessions', {
        orgId,
        email: member,
        code: signupCode,
      });
      expect(signIn.statusCode).toBe(400);
      expect(signIn.json().error.code).toBe('OTP_INVALID');
    });
  });

  it('refuses the 4th code to one address in 10 minutes (the sends shared with sign-in)', async () => {
    await withTestApp(async (t) => {
      t.clock.set(T0);
      const email = uniqueEmail('flood');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await signupRequest(t.app, email));
      expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 429]);
      expect(answers[3]?.json().error.code).toBe('RATE_LIMITED');
      expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
      expect(t.mail.sent.filter((m) => m.to === email)).toHaveLength(3);
    });
  });

  it(`refuses sign-up number ${RATE_LIMITS.signup.max + 1} from one IP within the hour`, async () => {
    await withTestApp(async (t) => {
      const ip = uniqueIp();
      for (let i = 0; i < RATE_LIMITS.signup.max; i++) {
        expect((await signupRequest(t.app, uniqueEmail('ip'), { ip })).statusCode).toBe(202);
      }
      const refused = await signupRequest(t.app, uniqueEmail('ip'), { ip });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signupRequest(t.app, uniqueEmail('ip'), { ip: uniqueIp() })).statusCode).toBe(
        202,
      );
    });
  });

  it('mode token: both steps need the operator token', async () => {
    await withTestApp(
      async (t) => {
        const email = uniqueEmail('token');
        const none = await signupRequest(t.app, email);
        expect(none.statusCode).toBe(401);
        expect(none.json().error.code).toBe('UNAUTHENTICATED');
        expect((await signupRequest(t.app, email, { token: `${TOKEN}x` })).statusCode).toBe(401);
        expect(t.mail.sent.filter((m) => m.to === email)).toHaveLength(0);

        expect((await signupRequest(t.app, email, { token: TOKEN })).statusCode).toBe(202);
        const code = t.mail.codeFor(email);
        expect((await signupVerify(t.app, { email, code })).statusCode).toBe(401);
        expect(await orgsOf(t, email)).toEqual([]);
        expect((await signupVerify(t.app, { email, code }, { token: TOKEN })).statusCode).toBe(201);
        expect(await orgsOf(t, email)).toHaveLength(1);
      },
      { signup: { mode: 'token', token: TOKEN } },
    );
  });
});

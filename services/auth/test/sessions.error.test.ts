import { describe, expect, it } from 'vitest';
import { freshTenant, otherCode, requestCode, withTestApp } from './helpers.js';
import { post } from './sessions-helpers.js';

describe('member sessions (errors)', () => {
  it('a wrong code is OTP_INVALID, an old one OTP_EXPIRED, five wrong ones TOO_MANY_ATTEMPTS', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      await requestCode(t.app, { email: member, audience: { kind: 'member', orgId } });
      const code = t.mail.codeFor(member);
      const wrong = await post(t.app, '/auth/sessions', {
        orgId,
        email: member,
        code: otherCode(code),
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('OTP_INVALID');
      t.clock.advance(10 * 60_000 + 1_000);
      const late = await post(t.app, '/auth/sessions', { orgId, email: member, code });
      expect(late.json().error.code).toBe('OTP_EXPIRED');

      await requestCode(t.app, { email: member, audience: { kind: 'member', orgId } });
      const fresh = t.mail.codeFor(member);
      for (let i = 0; i < 5; i++) {
        await post(t.app, '/auth/sessions', { orgId, email: member, code: otherCode(fresh) });
      }
      const dead = await post(t.app, '/auth/sessions', { orgId, email: member, code: fresh });
      expect(dead.statusCode).toBe(403);
      expect(dead.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    });
  });

  it('bad bodies are VALIDATION_FAILED; unknown tokens are UNAUTHENTICATED to refresh, 204 to revoke', async () => {
    await withTestApp(async (t) => {
      const bad = await post(t.app, '/auth/sessions', { orgId: 'org_x', email: 'nope', code: '1' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      for (const refresh_token of ['garbage', `prt_${'A'.repeat(43)}`]) {
        const res = await post(t.app, '/auth/sessions/refresh', { refresh_token });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        expect((await post(t.app, '/auth/sessions/revoke', { refresh_token })).statusCode).toBe(
          204,
        );
      }
    });
  });
});

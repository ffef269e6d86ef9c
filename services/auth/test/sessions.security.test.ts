import { emailHash } from '@portico/store';
import { describe, expect, it } from 'vitest';
import { freshTenant, requestCode, uniqueEmail, withTestApp } from './helpers.js';
import { authorizationCodeFor, REDIRECT, token } from './oauth-helpers.js';
import { post, signInMember } from './sessions-helpers.js';

describe('member sessions (security)', () => {
  it('a non-member is mailed nothing and gets OTP_INVALID', async () => {
    await withTestApp(async (t) => {
      const { orgId } = await freshTenant(t.store);
      const stranger = uniqueEmail('stranger');
      const asked = await requestCode(t.app, {
        email: stranger,
        audience: { kind: 'member', orgId },
      });
      expect(asked.statusCode).toBe(202);
      expect(t.mail.sent.filter((m) => m.to === stranger)).toEqual([]);
      const res = await post(t.app, '/auth/sessions', { orgId, email: stranger, code: '123456' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('OTP_INVALID');
    });
  });

  it('reusing a rotated refresh token revokes the whole session', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      const first = await signInMember(t.app, t.mail, orgId, member);
      const second = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: first.refresh_token,
      });
      expect(second.statusCode).toBe(200);
      const reuse = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: first.refresh_token,
      });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().error.code).toBe('UNAUTHENTICATED');
      const current = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: second.json().refresh_token,
      });
      expect(current.statusCode).toBe(401);
      const events = await t.store.authEvents.list(orgId, { now: t.clock.now() });
      expect(events.items.map((e) => e.type)).toContain('refresh_reuse_detected');
    });
  });

  it('a removed member cannot refresh, and revokeSubject ends every session of a member', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      const memberId = emailHash(member);
      const a = await signInMember(t.app, t.mail, orgId, member);
      const b = await signInMember(t.app, t.mail, orgId, member);
      const now = t.clock.now();
      expect(
        await t.store.refreshTokens.revokeSubject(
          { orgId, sub: memberId },
          { now, reason: 'test' },
        ),
      ).toBe(2);
      for (const s of [a, b]) {
        const res = await post(t.app, '/auth/sessions/refresh', { refresh_token: s.refresh_token });
        expect(res.statusCode).toBe(401);
      }
      const c = await signInMember(t.app, t.mail, orgId, member);
      // The org keeps an admin: the store refuses removing the last one.
      await t.store.members.add(orgId, {
        email: `keeper-${memberId.slice(0, 8)}@example.test`,
        role: 'admin',
        now,
      });
      expect(await t.store.members.remove(orgId, memberId)).toBe(true);
      const res = await post(t.app, '/auth/sessions/refresh', { refresh_token: c.refresh_token });
      expect(res.statusCode).toBe(401);
    });
  });

  it('an end user’s OAuth refresh token is not a session', async () => {
    await withTestApp(async (t) => {
      const { clientId, verifier, code } = await authorizationCodeFor(t);
      const grant = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      const res = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: grant.json().refresh_token,
      });
      expect(res.statusCode).toBe(401);
      // Revoking it at the session endpoint does nothing either.
      await post(t.app, '/auth/sessions/revoke', { refresh_token: grant.json().refresh_token });
      const still = await token(t.app, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: grant.json().refresh_token,
      });
      expect(still.statusCode).toBe(200);
    });
  });
});

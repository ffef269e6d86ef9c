import { emailHash } from '@portico/store';
import { controlApiAudience, TOKEN_TYPES } from '@portico/tokens';
import { describe, expect, it } from 'vitest';
import { freshTenant, ORIGIN, withTestApp } from './helpers.js';
import { resourceOf } from './oauth-helpers.js';
import { post, signInMember } from './sessions-helpers.js';

describe('member sessions (happy)', () => {
  it('code -> session -> refresh -> revoke', async () => {
    await withTestApp(async (t) => {
      const { orgId, member, server } = await freshTenant(t.store);
      const memberId = emailHash(member);
      const session = await signInMember(t.app, t.mail, orgId, member.toUpperCase());
      expect(session).toMatchObject({
        token_type: 'Bearer',
        expires_in: 600,
        member: { memberId, orgId, email: member, role: 'admin' },
      });
      expect((await t.store.members.get(orgId, memberId))?.loginCount).toBe(1);

      const aud = `${ORIGIN}/api/v1`;
      expect(controlApiAudience(ORIGIN)).toBe(aud);
      const claims = await t.tokens.verify(session.access_token, {
        typ: TOKEN_TYPES.session,
        audience: aud,
        orgId,
      });
      expect(claims).toMatchObject({ sub: memberId, orgId, aud });
      expect(claims.exp - claims.iat).toBe(600);
      // Not an MCP access token: wrong typ, and no server's audience.
      await expect(
        t.tokens.verify(session.access_token, { typ: TOKEN_TYPES.accessToken, audience: aud }),
      ).rejects.toMatchObject({ reason: 'TOKEN_WRONG_TYPE' });
      await expect(
        t.tokens.verify(session.access_token, {
          typ: TOKEN_TYPES.session,
          audience: resourceOf(server.slug),
        }),
      ).rejects.toMatchObject({ reason: 'TOKEN_WRONG_AUDIENCE' });

      const refreshed = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: session.refresh_token,
      });
      expect(refreshed.statusCode).toBe(200);
      const next = refreshed.json();
      expect(next.refresh_token).not.toBe(session.refresh_token);
      expect(next.member).toEqual(session.member);
      await expect(
        t.tokens.verify(next.access_token, { typ: TOKEN_TYPES.session, audience: aud }),
      ).resolves.toMatchObject({ sub: memberId });

      const revoked = await post(t.app, '/auth/sessions/revoke', {
        refresh_token: next.refresh_token,
      });
      expect(revoked.statusCode).toBe(204);
      expect(revoked.body).toBe('');
      const after = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: next.refresh_token,
      });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('UNAUTHENTICATED');

      const events = await t.store.authEvents.list(orgId, {
        subject: memberId,
        now: t.clock.now(),
      });
      expect(events.items.map((e) => e.type)).toEqual(
        expect.arrayContaining(['session_issued', 'session_refreshed', 'session_revoked']),
      );
    });
  });
});

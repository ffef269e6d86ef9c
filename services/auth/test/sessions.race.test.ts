import { describe, expect, it } from 'vitest';
import { freshTenant, withTestApp } from './helpers.js';
import { post, signInMember } from './sessions-helpers.js';

describe('member sessions (race)', () => {
  it('10 parallel refreshes of one token: exactly one new session, and the reuse kills it', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      const session = await signInMember(t.app, t.mail, orgId, member);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          post(t.app, '/auth/sessions/refresh', { refresh_token: session.refresh_token }),
        ),
      );
      const ok = answers.filter((a) => a.statusCode === 200);
      expect(ok).toHaveLength(1);
      expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(9);
      const winner = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: ok[0]?.json().refresh_token,
      });
      expect(winner.statusCode).toBe(401);
    });
  });
});

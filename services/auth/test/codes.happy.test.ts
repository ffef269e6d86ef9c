import { emailHash } from '@portico/store';
import { describe, expect, inject, it } from 'vitest';
import { sesEmailSender } from '../src/index.js';
import {
  freshTenant,
  mailTo,
  requestCode,
  T0,
  testApp,
  uniqueEmail,
  verifyCode,
  withTestApp,
} from './helpers.js';

describe('POST /auth/codes + /auth/codes/verify (happy)', () => {
  it('mails the code through SES: it arrives in the stand-in with the code, the server name and the expiry', async () => {
    const ses = sesEmailSender({
      from: 'Portico <no-reply@portico.test>',
      endpoint: inject('sesEndpoint'),
    });
    const t = await testApp({ email: ses });
    try {
      const { server } = await freshTenant(t.store, 'Acme Weather');
      const email = uniqueEmail();
      const res = await requestCode(t.app, {
        email,
        audience: { kind: 'enduser', serverSlug: server.slug },
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ sent: true, expiresInSeconds: 600 });

      const mailbox = await mailTo(inject('sesEndpoint'), email);
      expect(mailbox.subject).toBe('Your sign-in code for Acme Weather');
      const code = mailbox.body.text?.match(/\b(\d{6})\b/)?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      expect(mailbox.body.text).toContain('Acme Weather');
      expect(mailbox.body.text).toContain('valid for 10 minutes (until 12:10 UTC)');
      expect(mailbox.body.html).toContain(code);
      expect(mailbox.body.html).toContain('Acme Weather');
      expect(mailbox.from).toContain('no-reply@portico.test');

      const ok = await verifyCode(t.app, {
        email,
        audience: { kind: 'enduser', serverSlug: server.slug },
        code,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({
        verified: true,
        email,
        audience: {
          kind: 'enduser',
          orgId: server.orgId,
          serverId: server.serverId,
          serverSlug: server.slug,
        },
      });
    } finally {
      await t.close();
      ses.close();
    }
  });

  it('accepts the code at 9:59, records the end user once and the events newest first', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const email = uniqueEmail();
      const audience = { kind: 'enduser', serverSlug: server.slug } as const;
      const client = { ip: '198.51.100.23', userAgent: 'Claude/1.0' };
      expect((await requestCode(t.app, { email, audience }, client)).statusCode).toBe(202);
      t.clock.advance(9 * 60_000 + 59_000);
      const res = await verifyCode(t.app, { email, audience, code: t.mail.codeFor(email) }, client);
      expect(res.statusCode).toBe(200);

      const user = await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email));
      // The fake clock ticks 1 ms per reading: the sign-in happened at 12:09:59.0xx.
      const at = expect.stringMatching(/^2030-01-01T12:09:59\.0\d\dZ$/);
      expect(user).toMatchObject({ email, loginCount: 1, firstSeenAt: at, lastSeenAt: at });
      expect(user?.firstSeenAt).toBe(user?.lastSeenAt);

      const events = await t.store.authEvents.list(server.orgId, {
        serverId: server.serverId,
        now: T0,
      });
      expect(events.items.map((e) => e.type)).toEqual(['code_verified', 'code_requested']);
      for (const e of events.items) {
        expect(e).toMatchObject({
          ip: '198.51.100.23',
          userAgent: 'Claude/1.0',
          serverId: server.serverId,
        });
      }
    });
  });

  it('signs in an org member (a member in the store), case-insensitively', async () => {
    await withTestApp(async (t) => {
      const { orgId, member } = await freshTenant(t.store);
      const audience = { kind: 'member', orgId } as const;
      expect((await requestCode(t.app, { email: member.toUpperCase(), audience })).statusCode).toBe(
        202,
      );
      const res = await verifyCode(t.app, {
        email: member,
        audience,
        code: t.mail.codeFor(member),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        verified: true,
        email: member,
        audience: { kind: 'member', orgId },
      });
    });
  });

  it('a new code replaces the old one', async () => {
    await withTestApp(async (t) => {
      const { server } = await freshTenant(t.store);
      const email = uniqueEmail();
      const audience = { kind: 'enduser', serverSlug: server.slug } as const;
      await requestCode(t.app, { email, audience });
      const first = t.mail.codeFor(email);
      await requestCode(t.app, { email, audience });
      const second = t.mail.codeFor(email);
      if (first !== second) {
        expect((await verifyCode(t.app, { email, audience, code: first })).json().error.code).toBe(
          'OTP_INVALID',
        );
      }
      expect((await verifyCode(t.app, { email, audience, code: second })).statusCode).toBe(200);
    });
  });
});

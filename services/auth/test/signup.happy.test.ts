import { emailHash } from '@portico/store';
import { describe, expect, inject, it } from 'vitest';
import { sesEmailSender } from '../src/index.js';
import { mailTo, testApp, uniqueEmail, withTestApp } from './helpers.js';
import { post } from './sessions-helpers.js';
import { orgsOf, signupRequest, signupVerify } from './signup-helpers.js';

describe('organization sign-up by email (happy)', () => {
  it('mails a code through SES; verifying it creates the org, its first admin, a session and a first API key', async () => {
    const ses = sesEmailSender({
      from: 'Portico <no-reply@portico.test>',
      endpoint: inject('sesEndpoint'),
    });
    const t = await testApp({ email: ses });
    try {
      const email = uniqueEmail('founder');
      const sent = await signupRequest(t.app, email);
      expect(sent.statusCode).toBe(202);
      expect(sent.json()).toEqual({ sent: true, expiresInSeconds: 600 });

      const mail = await mailTo(inject('sesEndpoint'), email);
      expect(mail.subject).toBe('Your sign-in code for a new Portico organization');
      const code = mail.body.text?.match(/^ {4}(\d{6})$/m)?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      expect(mail.body.text).toContain('valid for 10 minutes');

      const done = await signupVerify(t.app, { email, code, name: 'Acme Weather', apiKey: true });
      expect(done.statusCode, done.body).toBe(201);
      const body = done.json();
      expect(body.org).toMatchObject({ name: 'Acme Weather' });
      expect(body.session).toMatchObject({
        token_type: 'Bearer',
        expires_in: 600,
        member: { orgId: body.org.orgId, email, role: 'admin', memberId: emailHash(email) },
      });
      expect(body.apiKey.key).toMatch(/^ptk_/);

      const member = await t.store.members.get(body.org.orgId, emailHash(email));
      expect(member?.role).toBe('admin');
      const keys = await t.store.apiKeys.list(body.org.orgId);
      expect(keys.map((k) => k.keyId)).toEqual([body.apiKey.keyId]);
      // The session is a real member session: it refreshes.
      const refreshed = await post(t.app, '/auth/sessions/refresh', {
        refresh_token: body.session.refresh_token,
      });
      expect(refreshed.statusCode).toBe(200);
      const events = await t.store.authEvents.list(body.org.orgId, { now: t.clock.now() });
      expect(events.items.map((e) => e.type)).toEqual(
        expect.arrayContaining(['code_verified', 'session_issued']),
      );
      expect(await orgsOf(t, email)).toHaveLength(1);
    } finally {
      await t.close();
      ses.close();
    }
  });

  it('creates no API key unless asked', async () => {
    await withTestApp(async (t) => {
      const email = uniqueEmail('founder');
      expect((await signupRequest(t.app, email)).statusCode).toBe(202);
      const done = await signupVerify(t.app, { email, code: t.mail.codeFor(email) });
      expect(done.statusCode).toBe(201);
      expect(done.json().apiKey).toBeUndefined();
      expect(await t.store.apiKeys.list(done.json().org.orgId)).toEqual([]);
    });
  });
});

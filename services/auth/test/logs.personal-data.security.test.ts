import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freshTenant, requestCode, uniqueEmail, verifyCode, withTestApp } from './helpers.js';
import { authorizeUrl, flowOf, newClient, pkce, postForm, resourceOf } from './oauth-helpers.js';
import { post } from './sessions-helpers.js';
import { signupRequest, signupVerify } from './signup-helpers.js';

// Issue 8 item 7: no personal data in logs. Every auth route that takes an address (codes,
// verify, sessions, organization sign-up, the authorize pages and their form posts) is driven, valid and invalid,
// with addresses in bodies, query values and paths; none may reach the log in any spelling.

/** An address in the forms a URL or a body carries it: literal, percent- and double-encoded. */
const ADDRESS = /[\w.+-]+@[\w-]+|%40|%2540/i;

describe('logs carry no email address', () => {
  it('codes, verify, sessions, sign-up and the authorize pages log route patterns only', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const seen: string[] = [];
    await withTestApp(
      async (t) => {
        const { orgId, member, server } = await freshTenant(t.store);
        const endUser = uniqueEmail('enduser');
        seen.push(member, endUser);
        const member_ = { kind: 'member', orgId } as const;
        const endUserAudience = { kind: 'enduser', serverSlug: server.slug } as const;

        expect((await requestCode(t.app, { email: member, audience: member_ })).statusCode).toBe(
          202,
        );
        await requestCode(t.app, { email: 'bad@', audience: member_ });
        await requestCode(t.app, { email: endUser, audience: endUserAudience });
        const code = t.mail.codeFor(member);
        await verifyCode(t.app, { email: member, audience: member_, code: '000000' });
        await verifyCode(t.app, { email: endUser, audience: endUserAudience, code: '000000' });
        const session = await post(t.app, '/auth/sessions', { orgId, email: member, code });
        expect(session.statusCode).toBe(200);
        await post(t.app, '/auth/sessions', { orgId, email: `x${member}`, code });
        await post(t.app, '/auth/sessions', { orgId, email: 'not an address@', code });

        // Organization sign-up: request, a wrong code, the right one, an invalid address.
        const founder = uniqueEmail('founder');
        seen.push(founder);
        expect((await signupRequest(t.app, founder)).statusCode).toBe(202);
        await signupVerify(t.app, { email: founder, code: '000000' });
        const created = await signupVerify(t.app, {
          email: founder,
          code: t.mail.codeFor(founder),
          apiKey: true,
        });
        expect(created.statusCode).toBe(201);
        await signupRequest(t.app, 'founder@');

        // The authorize pages: an address in query values (login_hint, state), then the forms.
        const clientId = await newClient(t.app);
        const base = authorizeUrl({
          client_id: clientId,
          code_challenge: pkce().challenge,
          resource: resourceOf(server.slug),
          state: `for ${endUser}`,
        });
        const start = await t.app.inject({
          method: 'GET',
          url: `${base}&login_hint=${encodeURIComponent(endUser)}&email=${endUser}`,
        });
        expect(start.statusCode).toBe(200);
        const afterEmail = await postForm(t.app, '/auth/authorize', {
          flow: flowOf(start.body),
          email: endUser,
        });
        expect(afterEmail.statusCode).toBe(200);
        await postForm(t.app, '/auth/authorize', { flow: flowOf(afterEmail.body), code: '000000' });
        await postForm(t.app, `/auth/authorize?email=${endUser}`, {
          flow: flowOf(afterEmail.body),
          code: t.mail.codeFor(endUser),
        });
        await postForm(t.app, '/auth/authorize', { flow: flowOf(start.body), email: 'bad@' });
        await t.app.inject({
          method: 'GET',
          url: `/auth/no-such-route/${endUser}?email=${endUser}`,
        });
      },
      { logger: { level: 'trace', stream } },
    );

    const log = lines.join('');
    expect(log).toContain('incoming request');
    for (const address of seen) expect(log).not.toContain(address.split('@')[0]);
    expect(log.match(ADDRESS)).toBeNull();
    expect(log).toContain('/auth/authorize?response_type=[redacted]');
  });
});

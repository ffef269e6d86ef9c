import { describe, expect, it } from 'vitest';
import { freshTenant, type TestApp, uniqueEmail, withTestApp } from './helpers.js';
import { authorizeUrl, flowOf, newClient, pkce, postForm, resourceOf } from './oauth-helpers.js';

async function consentState(t: TestApp) {
  const { server } = await freshTenant(t.store);
  const clientId = await newClient(t.app);
  const email = uniqueEmail('enduser');
  const start = await t.app.inject({
    method: 'GET',
    url: authorizeUrl({
      client_id: clientId,
      code_challenge: pkce().challenge,
      resource: resourceOf(server.slug),
    }),
  });
  const afterEmail = await postForm(t.app, '/auth/authorize', { flow: flowOf(start.body), email });
  const afterCode = await postForm(t.app, '/auth/authorize', {
    flow: flowOf(afterEmail.body),
    code: t.mail.codeFor(email),
  });
  return { server, clientId, flow: flowOf(afterCode.body) };
}

describe('authorize consent (security)', () => {
  it('the same consent form posted again 65 s later is refused and recorded as an auth event', async () => {
    await withTestApp(async (t) => {
      const { server, clientId, flow } = await consentState(t);
      const first = await postForm(t.app, '/auth/authorize', { flow, decision: 'approve' });
      expect(first.statusCode).toBe(302);
      expect(new URL(String(first.headers.location)).searchParams.get('code')).toBeTruthy();

      t.clock.advance(65_000);
      const replay = await postForm(t.app, '/auth/authorize', { flow, decision: 'approve' });
      expect(replay.statusCode).toBe(400);
      expect(replay.headers.location).toBeUndefined();
      expect(replay.body).toContain('already completed');

      const events = await t.store.authEvents.list(server.orgId, { now: t.clock.now() });
      const replayed = events.items.find((e) => e.type === 'code_replayed');
      expect(replayed).toMatchObject({
        reason: 'consent_replayed',
        serverId: server.serverId,
        clientId,
      });
      expect(replayed?.emailHash).toBeTruthy();
    });
  });

  it('a denied flow cannot be approved afterwards', async () => {
    await withTestApp(async (t) => {
      const { flow } = await consentState(t);
      const denied = await postForm(t.app, '/auth/authorize', { flow, decision: 'deny' });
      expect(new URL(String(denied.headers.location)).searchParams.get('error')).toBe(
        'access_denied',
      );
      const approve = await postForm(t.app, '/auth/authorize', { flow, decision: 'approve' });
      expect(approve.statusCode).toBe(400);
      expect(approve.headers.location).toBeUndefined();
    });
  });
});

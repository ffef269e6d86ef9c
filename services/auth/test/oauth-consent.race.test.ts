import { describe, expect, it } from 'vitest';
import type { TestApp } from './helpers.js';
import { freshTenant, uniqueEmail, withTestApp } from './helpers.js';
import {
  authorizeUrl,
  flowOf,
  newClient,
  pkce,
  postForm,
  REDIRECT,
  resourceOf,
  token,
} from './oauth-helpers.js';

/** Walks the page up to the consent step and returns its sealed flow state. */
async function consentState(t: TestApp) {
  const { server } = await freshTenant(t.store);
  const clientId = await newClient(t.app);
  const { verifier, challenge } = pkce();
  const email = uniqueEmail('enduser');
  const start = await t.app.inject({
    method: 'GET',
    url: authorizeUrl({
      client_id: clientId,
      code_challenge: challenge,
      resource: resourceOf(server.slug),
    }),
  });
  const afterEmail = await postForm(t.app, '/auth/authorize', { flow: flowOf(start.body), email });
  const afterCode = await postForm(t.app, '/auth/authorize', {
    flow: flowOf(afterEmail.body),
    code: t.mail.codeFor(email),
  });
  expect(afterCode.statusCode).toBe(200);
  return { server, clientId, verifier, flow: flowOf(afterCode.body) };
}

function codeIn(location: unknown): string | null {
  return typeof location === 'string' ? new URL(location).searchParams.get('code') : null;
}

describe('authorize consent (race)', () => {
  it('10 parallel consent posts of one flow state yield exactly one authorization code', async () => {
    await withTestApp(async (t) => {
      const { server, clientId, verifier, flow } = await consentState(t);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          postForm(t.app, '/auth/authorize', { flow, decision: 'approve' }),
        ),
      );
      const codes = answers.map((a) => codeIn(a.headers.location)).filter((c) => c !== null);
      expect(codes).toHaveLength(1);
      expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(9);
      // The one code works.
      const exchanged = await token(t.app, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: codes[0] as string,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(exchanged.statusCode).toBe(200);
      const events = await t.store.authEvents.list(server.orgId, { now: t.clock.now() });
      const replays = events.items.filter(
        (e) => e.type === 'code_replayed' && e.reason === 'consent_replayed',
      );
      expect(replays).toHaveLength(9);
    });
  });
});

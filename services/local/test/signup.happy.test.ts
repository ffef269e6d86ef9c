import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalConfig } from '../src/config.js';
import { type Platform, startPlatform } from '../src/platform.js';

// The SES stand-in wants an AWS-style Authorization header on every request; any will do.
const SES_AUTH = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0',
};

describe('PORTICO_SIGNUP of the local stack', () => {
  it('defaults to open (the demo and the e2e tests sign up unverified); token needs its token', () => {
    expect(parseLocalConfig({}, '/repo').signup).toEqual({ mode: 'open' });
    const email = { PORTICO_SIGNUP: 'email', PORTICO_DEMO: 'false' };
    expect(parseLocalConfig(email, '/repo').signup).toEqual({ mode: 'email' });
    expect(() =>
      parseLocalConfig({ PORTICO_SIGNUP: 'token', PORTICO_DEMO: 'false' }, '/repo'),
    ).toThrow(/PORTICO_SIGNUP_TOKEN/);
    expect(() => parseLocalConfig({ PORTICO_SIGNUP: 'email' }, '/repo')).toThrow(
      /PORTICO_SIGNUP: .*PORTICO_DEMO=false/,
    );
  });
});

describe('local stack with PORTICO_SIGNUP=email', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform({
      host: '127.0.0.1',
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'portico-signup-')),
      tableName: 'portico',
      inMemory: true,
      signup: { mode: 'email' },
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses the unverified route; the email flow gives a session the control API accepts', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${platform.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/v1/orgs', { name: 'Unverified' })).status).toBe(403);

    const email = `founder-${process.pid}@example.test`;
    expect((await post('/auth/signup', { email })).status).toBe(202);
    let code: string | undefined;
    for (let i = 0; i < 50 && !code; i++) {
      const res = await fetch(`${platform.sesEndpoint}/store`, { headers: SES_AUTH });
      const { emails } = (await res.json()) as {
        emails: { destination: { to: string[] }; body: { text?: string } }[];
      };
      const mail = emails.find((m) => m.destination.to.includes(email));
      code = mail?.body.text?.match(/^ {4}(\d{6})$/m)?.[1];
      if (!code) await new Promise((r) => setTimeout(r, 100));
    }
    const done = await post('/auth/signup/verify', { email, code, name: 'Verified', apiKey: true });
    expect(done.status).toBe(201);
    const body = (await done.json()) as {
      org: { orgId: string };
      session: { access_token: string };
      apiKey: { key: string };
    };
    for (const credential of [body.session.access_token, body.apiKey.key]) {
      const org = await fetch(`${platform.url}/api/v1/org`, {
        headers: { authorization: `Bearer ${credential}` },
      });
      expect(org.status).toBe(200);
      expect(((await org.json()) as { org: { orgId: string } }).org.orgId).toBe(body.org.orgId);
    }
  });
});

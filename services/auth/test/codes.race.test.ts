import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshTenant,
  requestCode,
  type TestApp,
  testApp,
  uniqueEmail,
  verifyCode,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('email codes (race)', () => {
  it('20 parallel verifications of one code: exactly one succeeds, login counted once', async () => {
    const { server } = await freshTenant(t.store);
    const email = uniqueEmail();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    await requestCode(t.app, { email, audience });
    const code = t.mail.codeFor(email);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifyCode(t.app, { email, audience, code })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(
      results.filter((r) => r.statusCode !== 200).map((r) => r.json().error.code),
    ).not.toContain('INTERNAL');
    expect(
      (await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email)))?.loginCount,
    ).toBe(1);
  });

  it('3 rounds of 10 parallel verifications: login count is exactly 3', async () => {
    const { server } = await freshTenant(t.store);
    const email = uniqueEmail();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    for (let round = 0; round < 3; round++) {
      await requestCode(t.app, { email, audience });
      const code = t.mail.codeFor(email);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => verifyCode(t.app, { email, audience, code })),
      );
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    }
    const user = await t.store.endUsers.get(server.orgId, server.serverId, emailHash(email));
    expect(user?.loginCount).toBe(3);
  });

  it('10 parallel sends to one address: exactly 3 are accepted and mailed', async () => {
    const { server } = await freshTenant(t.store);
    const email = uniqueEmail();
    const audience = { kind: 'enduser', serverSlug: server.slug } as const;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => requestCode(t.app, { email, audience })),
    );
    expect(results.filter((r) => r.statusCode === 202)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(7);
    expect(t.mail.sent.filter((m) => m.to === email)).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { uniqueEmail, withTestApp } from './helpers.js';
import { orgsOf, signupRequest, signupVerify } from './signup-helpers.js';

describe('organization sign-up (race)', () => {
  it('10 parallel verifications of one sign-up code create exactly one org', async () => {
    await withTestApp(async (t) => {
      const email = uniqueEmail('race');
      await signupRequest(t.app, email);
      const code = t.mail.codeFor(email);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => signupVerify(t.app, { email, code, apiKey: true })),
      );
      expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
      // The losers see the code used (400 OTP_INVALID) or, once 5 attempts were counted before
      // the winner consumed it, dead (403 TOO_MANY_ATTEMPTS): which, depends on timing.
      const refused = answers.filter((a) => a.statusCode !== 201).map((a) => a.json().error.code);
      expect(refused).toHaveLength(9);
      for (const code of refused) expect(['OTP_INVALID', 'TOO_MANY_ATTEMPTS']).toContain(code);
      expect(await orgsOf(t, email)).toHaveLength(1);
    });
  });
});

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
      expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(9);
      expect(await orgsOf(t, email)).toHaveLength(1);
    });
  });
});

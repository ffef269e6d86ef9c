import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '../src/index.js';
import { testApp } from './helpers.js';

describe('PORTICO_SIGNUP (errors)', () => {
  const base = {
    PORTICO_SES_FROM: 'no-reply@example.com',
    PORTICO_CODE_KEY_PATH: '/k',
    PORTICO_KEK_PATH: '/kek',
  };

  it('defaults to email; token needs PORTICO_SIGNUP_TOKEN; a bad mode stops boot naming it', () => {
    expect(parseAuthConfig(base).signup).toEqual({ mode: 'email' });
    expect(() => parseAuthConfig({ ...base, PORTICO_SIGNUP: 'token' })).toThrow(
      /PORTICO_SIGNUP_TOKEN/,
    );
    expect(() => parseAuthConfig({ ...base, PORTICO_SIGNUP: 'anyone' })).toThrow(/PORTICO_SIGNUP/);
    expect(
      parseAuthConfig({
        ...base,
        PORTICO_SIGNUP: 'token',
        PORTICO_SIGNUP_TOKEN: 'a-long-operator-token',
      }).signup,
    ).toEqual({ mode: 'token', token: 'a-long-operator-token' });
  });

  it('buildApp refuses mode token without a token', async () => {
    await expect(testApp({ signup: { mode: 'token' } })).rejects.toThrow(/PORTICO_SIGNUP_TOKEN/);
  });

  it('refuses a malformed body', async () => {
    const t = await testApp();
    try {
      for (const payload of [{}, { email: 'nope' }]) {
        const res = await t.app.inject({ method: 'POST', url: '/auth/signup', payload });
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      const noName = await t.app.inject({
        method: 'POST',
        url: '/auth/signup/verify',
        payload: { email: 'a@example.com', code: '123456', name: ' ' },
      });
      expect(noName.json().error.code).toBe('VALIDATION_FAILED');
    } finally {
      await t.close();
    }
  });
});
